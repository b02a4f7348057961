import { describe, expect, it } from 'vitest';
import { metadataLicenses, parseCoreMetadata } from './metadata.js';

describe('parseCoreMetadata', () => {
  it('joins folded lines, keeps repeated fields, stops at the blank line before the body', () => {
    const text = [
      'Metadata-Version: 2.1',
      'Name: demo',
      'Version: 1.0',
      'Description: first line',
      '        second line',
      '        |third line',
      'Classifier: A :: B',
      'classifier: C :: D',
      '',
      'Name: not-a-header',
    ].join('\r\n');
    const fields = parseCoreMetadata(text);
    expect(fields.get('name')).toEqual(['demo']);
    expect(fields.get('description')).toEqual(['first line\nsecond line\n|third line']);
    expect(fields.get('classifier')).toEqual(['A :: B', 'C :: D']);
  });

  it('stops at a line that is not a header', () => {
    expect([...parseCoreMetadata('Name: x\nthis is prose\nVersion: 1\n').keys()]).toEqual(['name']);
  });
});

describe('metadataLicenses', () => {
  const lic = (...lines: string[]) => metadataLicenses(parseCoreMetadata(lines.join('\n')));
  it.each([
    [
      'License-Expression wins',
      ['License: BSD', 'License-Expression: MIT OR Apache-2.0'],
      ['MIT OR Apache-2.0'],
    ],
    [
      'one-line License',
      ['License: BSD-3-Clause', 'Classifier: License :: OSI Approved :: BSD License'],
      ['BSD-3-Clause'],
    ],
    [
      'UNKNOWN falls back to classifiers',
      ['License: UNKNOWN', 'Classifier: License :: OSI Approved :: MIT License'],
      ['MIT License'],
    ],
    [
      'several classifiers, bare "OSI Approved" ignored',
      [
        'Classifier: License :: OSI Approved',
        'Classifier: License :: OSI Approved :: MIT License',
        'Classifier: License :: Public Domain',
      ],
      ['MIT License', 'Public Domain'],
    ],
    ['non-licence classifiers ignored', ['Classifier: Programming Language :: Python'], []],
    [
      'licence text: classifier preferred',
      [
        'License: Copyright (c) X',
        '    Permission is granted',
        'Classifier: License :: OSI Approved :: MIT License',
      ],
      ['MIT License'],
    ],
    [
      'licence text alone: its first line',
      ['License: BSD 3-Clause License', '        ', '        Copyright (c) X'],
      ['BSD 3-Clause License'],
    ],
    ['nothing', ['Name: x'], []],
  ])('%s', (_what, lines, expected) => {
    expect(lic(...lines)).toEqual(expected);
  });
});
