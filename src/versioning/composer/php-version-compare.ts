// PHP's version_compare() (ext/standard/versioning.c), which Composer applies to normalized versions.

const isDigit = (c: string) => c >= '0' && c <= '9';
const isAlnum = (c: string) => isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** php_canonicalize_version: `-_+` and other non-alphanumerics become `.`, `.` between digit/letter runs. */
export function canonicalize(version: string): string {
  if (version.length === 0) return '';
  let out = version[0] ?? '';
  let lp = version[0] ?? '';
  for (let i = 1; i < version.length; i++) {
    const c = version[i] ?? '';
    const last = out[out.length - 1];
    const dot = () => {
      if (last !== '.') out += '.';
    };
    const dig = (x: string) => isDigit(x);
    const ndig = (x: string) => !isDigit(x) && x !== '.';
    if (c === '-' || c === '_' || c === '+') dot();
    else if ((ndig(lp) && dig(c)) || (dig(lp) && ndig(c))) {
      dot();
      out += c;
    } else if (!isAlnum(c)) dot();
    else out += c;
    lp = c;
  }
  return out;
}

const SPECIAL: ReadonlyArray<readonly [string, number]> = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

function special(form: string): number {
  for (const [name, order] of SPECIAL) if (form.startsWith(name)) return order;
  return -1;
}

const LONG_MAX = '9223372036854775807';

/** strtol of a digit run, saturating at LONG_MAX like C does; returned as a comparable digit string. */
function strtol(part: string): string {
  const digits = /^[0-9]+/.exec(part)?.[0] ?? '0';
  const n = digits.replace(/^0+(?=.)/, '');
  if (n.length > LONG_MAX.length || (n.length === LONG_MAX.length && n > LONG_MAX)) return LONG_MAX;
  return n;
}

function numCmp(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** version_compare($a, $b): -1, 0 or 1. */
export function phpVersionCompare(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a !== '' ? 1 : -1;
  const p = a.startsWith('#') ? a.split('.') : canonicalize(a).split('.');
  const q = b.startsWith('#') ? b.split('.') : canonicalize(b).split('.');
  let i = 0;
  let compare = 0;
  for (; i < p.length && i < q.length; i++) {
    const x = p[i] ?? '';
    const y = q[i] ?? '';
    const xd = isDigit(x[0] ?? '');
    const yd = isDigit(y[0] ?? '');
    if (xd && yd) compare = numCmp(strtol(x), strtol(y));
    else if (!xd && !yd) compare = Math.sign(special(x) - special(y));
    else compare = xd ? Math.sign(special('#N#') - special(y)) : Math.sign(special(x) - special('#N#'));
    if (compare !== 0) return compare;
  }
  if (i < p.length) {
    const rest = p.slice(i).join('.');
    return isDigit(rest[0] ?? '') ? 1 : phpVersionCompare(rest, '#N#');
  }
  if (i < q.length) {
    const rest = q.slice(i).join('.');
    return isDigit(rest[0] ?? '') ? -1 : phpVersionCompare('#N#', rest);
  }
  return 0;
}
