import { describe, expect, it } from 'vitest';
import { newFeedReport } from '../report.js';
import { convertKev, looksLikeKev } from './kev.js';

describe('CISA KEV', () => {
  it('converts entries and names the bad ones', () => {
    const report = newFeedReport('cisa-kev', 'u');
    const { entries, released } = convertKev(
      {
        catalogVersion: '2025.08.25',
        dateReleased: '2025-08-25T17:04:19.9796Z',
        vulnerabilities: [
          {
            cveID: 'CVE-2021-44228',
            vendorProject: 'Apache',
            product: 'Log4j2',
            dateAdded: '2021-12-10',
            dueDate: '2021-12-24',
            knownRansomwareCampaignUse: 'Known',
            notes: '',
          },
          { cveID: 'CVE-2021-0000', dateAdded: 'last week' },
          { cveID: 'not-a-cve', dateAdded: '2021-12-10' },
        ],
      },
      'kev.json',
      report,
    );
    expect(released).toBe('2025-08-25T17:04:19.9796Z');
    expect(entries).toEqual([
      {
        cve: 'CVE-2021-44228',
        dateAdded: '2021-12-10',
        dueDate: '2021-12-24',
        knownRansomwareCampaignUse: 'Known',
        vendorProject: 'Apache',
        product: 'Log4j2',
      },
    ]);
    expect(report.invalid.map((p) => p.name)).toEqual(['CVE-2021-0000', 'not-a-cve']);
  });

  it('refuses a document that is not the catalogue', () => {
    expect(() => convertKev({ vulnerabilities: 'nope' }, 'kev.json', newFeedReport('f', 'u'))).toThrow(
      /^kev\.json: not a CISA KEV catalogue/,
    );
    expect(looksLikeKev({ packages: [] })).toBe(false);
  });
});
