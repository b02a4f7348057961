import { describe, expect, it } from 'vitest';
import { bannedBy, bannedLicensesOf, parseLicenseExpression } from './licenses.js';

describe('parseLicenseExpression', () => {
  it.each([
    ['MIT', { op: 'id', id: 'MIT' }],
    [
      'MIT OR GPL-3.0-only',
      {
        op: 'or',
        args: [
          { op: 'id', id: 'MIT' },
          { op: 'id', id: 'GPL-3.0-only' },
        ],
      },
    ],
    [
      // AND binds tighter than OR (SPDX annex D)
      'MIT OR Apache-2.0 AND BSD-3-Clause',
      {
        op: 'or',
        args: [
          { op: 'id', id: 'MIT' },
          {
            op: 'and',
            args: [
              { op: 'id', id: 'Apache-2.0' },
              { op: 'id', id: 'BSD-3-Clause' },
            ],
          },
        ],
      },
    ],
    [
      '(MIT OR Apache-2.0) AND BSD-3-Clause',
      {
        op: 'and',
        args: [
          {
            op: 'or',
            args: [
              { op: 'id', id: 'MIT' },
              { op: 'id', id: 'Apache-2.0' },
            ],
          },
          { op: 'id', id: 'BSD-3-Clause' },
        ],
      },
    ],
    [
      'GPL-2.0-only WITH Classpath-exception-2.0',
      { op: 'id', id: 'GPL-2.0-only', exception: 'Classpath-exception-2.0' },
    ],
    [
      'mit or apache-2.0',
      {
        op: 'or',
        args: [
          { op: 'id', id: 'mit' },
          { op: 'id', id: 'apache-2.0' },
        ],
      },
    ],
    // not an expression: one opaque id
    ['GPL v2 or later', { op: 'id', id: 'GPL v2 or later' }],
    ['(MIT', { op: 'id', id: '(MIT' }],
    ['MIT OR', { op: 'id', id: 'MIT OR' }],
  ])('%s', (text, want) => expect(parseLicenseExpression(text)).toEqual(want));
});

describe('bannedBy / bannedLicensesOf', () => {
  const ban = (text: string, banned: string[]) => bannedBy(parseLicenseExpression(text), banned);
  it.each([
    ['GPL-3.0-only', ['GPL-3.0-only'], ['GPL-3.0-only']],
    ['gpl-3.0-only', ['GPL-3.0-only'], ['gpl-3.0-only']],
    ['MIT OR GPL-3.0-only', ['GPL-3.0-only'], []],
    ['MIT OR GPL-3.0-only', ['GPL-3.0-only', 'MIT'], ['MIT', 'GPL-3.0-only']],
    ['MIT AND GPL-3.0-only', ['GPL-3.0-only'], ['GPL-3.0-only']],
    ['(MIT OR GPL-3.0-only) AND AGPL-3.0-or-later', ['AGPL-*'], ['AGPL-3.0-or-later']],
    [
      'GPL-2.0-only WITH Classpath-exception-2.0',
      ['GPL-2.0-only'],
      ['GPL-2.0-only WITH Classpath-exception-2.0'],
    ],
    [
      'GPL-2.0-only WITH Classpath-exception-2.0',
      ['GPL-2.0-only WITH Classpath-exception-2.0'],
      ['GPL-2.0-only WITH Classpath-exception-2.0'],
    ],
    ['LGPL-2.1-only', ['GPL-2.0-only'], []],
    ['GPL v2 or later', ['GPL v2*'], ['GPL v2 or later']],
  ])('%s with bans %j → %j', (text, banned, want) => expect(ban(text, banned)).toEqual(want));

  it('declared licences apply together', () => {
    expect(bannedLicensesOf(['Apache-2.0', 'GPL-3.0-only'], ['GPL-3.0-only'])).toEqual(['GPL-3.0-only']);
    expect(bannedLicensesOf(['Apache-2.0'], ['GPL-3.0-only'])).toEqual([]);
    expect(bannedLicensesOf(undefined, ['GPL-3.0-only'])).toEqual([]);
    expect(bannedLicensesOf(['GPL-3.0-only'], [])).toEqual([]);
  });
});
