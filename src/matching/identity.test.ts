import { describe, expect, it } from 'vitest';
import { primaryId, vulnerabilityKey } from './identity.js';

describe('vulnerability identity', () => {
  it.each([
    [{ id: 'CVE-2020-1967', aliases: [] }, 'CVE-2020-1967'],
    [{ id: 'GHSA-p6mc-m468-83gw', aliases: ['CVE-2020-8203'] }, 'CVE-2020-8203'],
    [{ id: 'PYSEC-2023-74', aliases: ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q'] }, 'CVE-2023-32681'],
    [{ id: 'ALPINE-CVE-2020-1967', aliases: ['CVE-2020-1967'] }, 'CVE-2020-1967'],
    [{ id: 'ALPINE-CVE-2018-0734', aliases: [], upstream: ['CVE-2018-0734'] }, 'CVE-2018-0734'],
    [{ id: 'DLA-3000-1', aliases: ['CVE-2022-1', 'CVE-2022-2'] }, 'DLA-3000'],
    [{ id: 'DLA-3000-2', aliases: ['CVE-2022-1'] }, 'DLA-3000'],
    [{ id: 'DSA-5000-1', aliases: [] }, 'DSA-5000'],
    [{ id: 'GO-2023-1840', aliases: ['CVE-2023-29403', 'CVE-2023-29404'] }, 'GO-2023-1840'],
    [{ id: 'NSWG-ECO-1', aliases: [] }, 'NSWG-ECO-1'],
  ])('%o → %s', (advisory, key) => expect(vulnerabilityKey(advisory)).toBe(key));

  it('shows a CVE key as itself, a Debian family as its latest revision, else the first id', () => {
    expect(primaryId('CVE-2020-8203', ['GHSA-p6mc-m468-83gw', 'CVE-2020-8203'])).toBe('CVE-2020-8203');
    expect(primaryId('DLA-3000', ['DLA-3000-1', 'CVE-2022-1', 'DLA-3000-10', 'DLA-3000-2'])).toBe(
      'DLA-3000-10',
    );
    expect(primaryId('GO-2023-1840', ['GO-2023-1840', 'CVE-2023-29403'])).toBe('GO-2023-1840');
  });
});
