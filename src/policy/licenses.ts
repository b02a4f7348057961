import { globMatch } from './glob.js';

/** A parsed SPDX licence expression (SPDX spec, annex D). */
export type LicenseExpr =
  { op: 'id'; id: string; exception?: string } | { op: 'and' | 'or'; args: LicenseExpr[] };

/**
 * Parse an SPDX licence expression: ids (`MIT`, `GPL-2.0-or-later`, `LicenseRef-x`, `GPL-2.0+`),
 * `WITH` exceptions, `AND` binding tighter than `OR`, parentheses. Operators are accepted in any
 * case. Text that is not an expression (`GPL v2 or later`) is one opaque id.
 */
export function parseLicenseExpression(text: string): LicenseExpr {
  const tokens = text.match(/\(|\)|[^\s()]+/g) ?? [];
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const isOp = (t: string | undefined, op: string): boolean => t?.toUpperCase() === op;
  const fail = (): never => {
    throw new Error('not an expression');
  };

  const parseOr = (): LicenseExpr => {
    const args = [parseAnd()];
    while (isOp(peek(), 'OR')) {
      pos++;
      args.push(parseAnd());
    }
    return args.length === 1 ? (args[0] as LicenseExpr) : { op: 'or', args };
  };
  const parseAnd = (): LicenseExpr => {
    const args = [parseTerm()];
    while (isOp(peek(), 'AND')) {
      pos++;
      args.push(parseTerm());
    }
    return args.length === 1 ? (args[0] as LicenseExpr) : { op: 'and', args };
  };
  const parseTerm = (): LicenseExpr => {
    const t = peek();
    if (t === undefined || t === ')' || ['AND', 'OR', 'WITH'].some((op) => isOp(t, op))) return fail();
    pos++;
    if (t === '(') {
      const inner = parseOr();
      if (peek() !== ')') fail();
      pos++;
      return inner;
    }
    if (isOp(peek(), 'WITH')) {
      pos++;
      const exception = peek();
      if (exception === undefined || exception === '(' || exception === ')') return fail();
      pos++;
      return { op: 'id', id: t, exception };
    }
    return { op: 'id', id: t };
  };

  try {
    const expr = parseOr();
    if (pos !== tokens.length) fail();
    return expr;
  } catch {
    return { op: 'id', id: text.trim() };
  }
}

/**
 * The banned licence ids that make `expr` unacceptable, or `[]` when it is acceptable. `OR` is a
 * choice (banned only when every alternative is); `AND` needs all parts (banned when any part
 * is); `X WITH E` is banned when `X` or `X WITH E` is (an exception does not lift a ban). Ban
 * entries are case-insensitive globs (`GPL-3.0-*`, `AGPL-*`).
 */
export function bannedBy(expr: LicenseExpr, banned: readonly string[]): string[] {
  switch (expr.op) {
    case 'id': {
      const full = expr.exception ? `${expr.id} WITH ${expr.exception}` : expr.id;
      const hit = banned.some((b) => globMatch(expr.id, b, true) || globMatch(full, b, true));
      return hit ? [full] : [];
    }
    case 'and':
      return unique(expr.args.flatMap((a) => bannedBy(a, banned)));
    case 'or': {
      const parts = expr.args.map((a) => bannedBy(a, banned));
      return parts.every((p) => p.length > 0) ? unique(parts.flat()) : [];
    }
  }
}

/**
 * The banned licences of a package that declares `licenses` (each an id or an expression). The
 * declared entries all apply together (as if joined by `AND`).
 */
export function bannedLicensesOf(
  licenses: readonly string[] | undefined,
  banned: readonly string[],
): string[] {
  if (!licenses?.length || banned.length === 0) return [];
  return unique(licenses.flatMap((l) => bannedBy(parseLicenseExpression(l), banned)));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
