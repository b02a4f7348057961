import { describe, expect, it } from 'vitest';
import { parseSourceRpm } from './source-rpm.js';

describe('parseSourceRpm', () => {
  it.each([
    ['glibc-2.17-222.el7.src.rpm', { name: 'glibc', version: '2.17', release: '222.el7' }],
    ['python-urllib3-1.26.5-3.el9.src.rpm', { name: 'python-urllib3', version: '1.26.5', release: '3.el9' }],
    [
      'system-release-2023.1.20230825-0.amzn2023.src.rpm',
      { name: 'system-release', version: '2023.1.20230825', release: '0.amzn2023' },
    ],
    [
      'gcc12-12.2.1+git416-150000.1.5.1.src.rpm',
      { name: 'gcc12', version: '12.2.1+git416', release: '150000.1.5.1' },
    ],
    ['kernel-firmware-1.0~rc1-1.nosrc.rpm', { name: 'kernel-firmware', version: '1.0~rc1', release: '1' }],
    ['foo-1.0.src.rpm', undefined],
    ['-1.0-1.src.rpm', undefined],
    ['foo-1.0-.src.rpm', undefined],
    ['foo--1.src.rpm', undefined],
    ['foo-1.0-1.rpm', undefined],
    ['(none)', undefined],
  ])('%s', (file, expected) => {
    expect(parseSourceRpm(file)).toEqual(expected);
  });
});
