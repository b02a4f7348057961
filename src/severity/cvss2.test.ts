import { describe, expect, it } from 'vitest';
import { scoreCvss2 } from './cvss2.js';

describe('CVSS v2 base score', () => {
  it.each([
    // FIRST, "A Complete Guide to the CVSS Version 2.0", section 3.3 "Examples" (base vectors).
    ['CVE-2002-0392 Apache chunked encoding (v2 guide)', 'AV:N/AC:L/Au:N/C:N/I:N/A:C', 7.8, 'HIGH'],
    ['CVE-2003-0818 Windows ASN.1 (v2 guide)', 'AV:N/AC:L/Au:N/C:C/I:C/A:C', 10, 'HIGH'],
    ['CVE-2003-0062 NOD32 buffer overflow (v2 guide)', 'AV:L/AC:H/Au:N/C:C/I:C/A:C', 6.2, 'MEDIUM'],
    // NVD's published v2 base scores (nvd.nist.gov/vuln/detail/<CVE>, "CVSS Version 2.0").
    ['CVE-2014-0160 Heartbleed (NVD)', 'AV:N/AC:L/Au:N/C:P/I:N/A:N', 5, 'MEDIUM'],
    ['CVE-2014-6271 Shellshock (NVD)', 'AV:N/AC:L/Au:N/C:C/I:C/A:C', 10, 'HIGH'],
    ['CVE-2013-1937 phpMyAdmin XSS (NVD)', 'AV:N/AC:L/Au:S/C:P/I:P/A:N', 5.5, 'MEDIUM'],
    ['CVE-2014-3566 POODLE (NVD)', 'AV:N/AC:M/Au:N/C:P/I:N/A:N', 4.3, 'MEDIUM'],
    ['CVE-2012-1516 VMware (NVD)', 'AV:N/AC:L/Au:S/C:C/I:C/A:C', 9, 'HIGH'],
    ['CVE-2009-0783 Tomcat (NVD)', 'AV:L/AC:L/Au:N/C:P/I:P/A:P', 4.6, 'MEDIUM'],
    ['CVE-2012-0384 Cisco IOS (NVD)', 'AV:N/AC:M/Au:S/C:C/I:C/A:C', 8.5, 'HIGH'],
    ['CVE-2015-1098 iWork (NVD)', 'AV:N/AC:M/Au:N/C:P/I:P/A:P', 6.8, 'MEDIUM'],
    ['the classic NVD example', 'AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5, 'HIGH'],
    // No impact: f(Impact) = 0 → 0.0, which NVD's v2 ranges call Low.
    ['no impact', 'AV:N/AC:L/Au:N/C:N/I:N/A:N', 0, 'LOW'],
    // Least severe with impact: 10.41×0.275 = 2.86275; 20×0.395×0.35×0.45 = 1.24425;
    // (0.6×2.86275 + 0.4×1.24425 − 1.5) × 1.176 = 0.8413 → 0.8.
    ['least severe', 'AV:L/AC:H/Au:M/C:P/I:N/A:N', 0.8, 'LOW'],
    // Temporal/environmental metrics are validated and ignored; any order.
    [
      'temporal + environmental',
      'AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:N/TD:H/CR:H/IR:H/AR:H',
      7.8,
      'HIGH',
    ],
    ['any order', 'A:C/I:C/C:C/Au:N/AC:L/AV:N', 10, 'HIGH'],
  ] as const)('%s: %s → %d', (_name, vector, score, severity) => {
    expect(scoreCvss2(vector)).toEqual({ ok: true, value: { baseScore: score, severity } });
  });

  it.each([
    ['a v3 vector', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'unknown metric "CVSS"'],
    ['missing Au', 'AV:N/AC:L/C:P/I:P/A:P', 'missing base metric Au'],
    ['duplicate', 'AV:N/AC:L/Au:N/C:P/I:P/A:P/A:C', '"A" appears more than once'],
    ['bad value', 'AV:N/AC:L/Au:N/C:H/I:P/A:P', '"H" is not a value of C'],
    ['bad temporal', 'AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X', '"X" is not a value of E'],
    ['parenthesised', '(AV:N/AC:L/Au:N/C:P/I:P/A:P)', 'unknown metric "(AV"'],
    ['empty', '', 'no metrics'],
  ])('%s is rejected', (_what, vector, reason) => {
    const r = scoreCvss2(vector);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});
