import { describe, expect, it } from 'vitest';
import type { OsFamily } from '../../core/os.js';
import { isEndOfLife } from './eol.js';

describe('isEndOfLife (as of EOL_DATA_AS_OF)', () => {
  it.each<[OsFamily, string, boolean | undefined]>([
    ['alpine', '3.10.4', true],
    ['alpine', '3.9.6', true],
    ['alpine', '3.2', true],
    ['alpine', '3.22.1', undefined],
    ['debian', '12.15', false],
    ['debian', '11.11', true],
    ['debian', '7.11', true],
    ['debian', 'trixie/sid', undefined],
    ['ubuntu', '22.04', false],
    ['ubuntu', '18.04', true],
    ['ubuntu', '12.04', true],
    ['ubuntu', '25.04', undefined],
    ['centos', '7.5.1804', true],
    ['rhel', '9.2', false],
    ['amazon', '2', true],
    ['amazon', '2023.1.20230825', false],
    ['rocky', '9.2', undefined],
    ['unknown', '1', undefined],
    ['alpine', '', undefined],
  ])('%s %s → %s', (family, version, expected) => {
    expect(isEndOfLife(family, version)).toBe(expected);
  });
});
