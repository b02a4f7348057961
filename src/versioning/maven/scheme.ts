import { ParseCache } from '../cache.js';
import { invalidVersion } from '../invalid.js';
import type { VersionScheme } from '../types.js';

/** An item of Maven's ComparableVersion: a number, a qualifier or a nested list (after `-`). */
export type MavenItem =
  { kind: 'int'; value: string } | { kind: 'string'; value: string } | { kind: 'list'; items: MavenItem[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Readonly<Record<string, string>> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));

/** ComparableVersion.StringItem.comparableQualifier: known qualifiers by rank, others after them. */
function comparable(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

const strCmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function stringItem(value: string, followedByDigit: boolean): MavenItem {
  let v = value;
  if (followedByDigit && v.length === 1) {
    if (v === 'a') v = 'alpha';
    else if (v === 'b') v = 'beta';
    else if (v === 'm') v = 'milestone';
  }
  return { kind: 'string', value: ALIASES[v] ?? v };
}

function parseItem(isDigit: boolean, buf: string): MavenItem {
  if (isDigit) return { kind: 'int', value: buf.replace(/^0+(?=.)/, '') };
  return stringItem(buf, false);
}

function isNull(item: MavenItem): boolean {
  if (item.kind === 'int') return item.value === '0';
  if (item.kind === 'string') return comparable(item.value) === RELEASE_INDEX;
  return item.items.length === 0;
}

/** ListItem.normalize(): drop trailing null items (0, "", empty lists) up to the last non-list. */
function normalize(items: MavenItem[]): void {
  for (let i = items.length - 1; i >= 0; i--) {
    const last = items[i] as MavenItem;
    if (isNull(last)) items.splice(i, 1);
    else if (last.kind !== 'list') break;
  }
}

const isDigitChar = (c: string) => c >= '0' && c <= '9';

/** ComparableVersion.parseVersion() of maven-artifact 3.8 (lower-cased, `.`/`-`/digit-letter transitions). */
export function parseMaven(version: string): MavenItem {
  const fail = (why: string) => invalidVersion('maven', version, why);
  if (version.length === 0) throw fail('empty version');
  if (/\s/.test(version)) throw fail('contains whitespace');
  if (/[^\x21-\x7e]/.test(version)) throw fail('non-ASCII or control character');
  const v = version.toLowerCase();
  const root: MavenItem[] = [];
  const stack: MavenItem[][] = [root];
  let list = root;
  const open = () => {
    const next: MavenItem[] = [];
    list.push({ kind: 'list', items: next });
    list = next;
    stack.push(next);
  };
  let isDigit = false;
  let start = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v[i] ?? '';
    if (c === '.' || c === '-') {
      list.push(i === start ? { kind: 'int', value: '0' } : parseItem(isDigit, v.slice(start, i)));
      start = i + 1;
      if (c === '-') open();
    } else if (isDigitChar(c)) {
      if (!isDigit && i > start) {
        // "1.0.0.X1 < 1.0.0-X2": a qualifier after "." that is followed by a digit acts as after "-"
        if (list.length > 0) open();
        list.push(stringItem(v.slice(start, i), true));
        start = i;
        open();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(parseItem(true, v.slice(start, i)));
        start = i;
        open();
      }
      isDigit = false;
    }
  }
  if (v.length > start) list.push(parseItem(isDigit, v.slice(start)));
  for (let k = stack.length - 1; k >= 0; k--) normalize(stack[k] as MavenItem[]);
  return { kind: 'list', items: root };
}

function numCmp(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return strCmp(a, b);
}

/** Item.compareTo(other), with `undefined` standing for Java's null (a missing item). */
function itemCmp(a: MavenItem, b: MavenItem | undefined): number {
  if (a.kind === 'int') {
    if (b === undefined) return a.value === '0' ? 0 : 1;
    return b.kind === 'int' ? numCmp(a.value, b.value) : 1;
  }
  if (a.kind === 'string') {
    if (b === undefined) return strCmp(comparable(a.value), RELEASE_INDEX);
    if (b.kind === 'string') return strCmp(comparable(a.value), comparable(b.value));
    return -1;
  }
  if (b === undefined) {
    for (const it of a.items) {
      const r = itemCmp(it, undefined);
      if (r) return r;
    }
    return 0;
  }
  if (b.kind === 'int') return -1;
  if (b.kind === 'string') return 1;
  const n = Math.max(a.items.length, b.items.length);
  for (let k = 0; k < n; k++) {
    const l = a.items[k];
    const r = b.items[k];
    const res = l === undefined ? (r === undefined ? 0 : -itemCmp(r, undefined)) : itemCmp(l, r);
    if (res) return res;
  }
  return 0;
}

/** ComparableVersion.compareTo on parsed versions. */
export function compareMaven(a: MavenItem, b: MavenItem): number {
  return Math.sign(itemCmp(a, b));
}

const cache = new ParseCache(parseMaven);

/** Maven artifact versions (org.apache.maven.artifact.versioning.ComparableVersion, maven-artifact 3.8). */
export const mavenScheme: VersionScheme = {
  id: 'maven',
  isValid: (v) => cache.ok(v),
  compare: (a, b) => compareMaven(cache.get(a), cache.get(b)),
};
