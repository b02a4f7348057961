/** One authentication challenge from a `WWW-Authenticate` header (RFC 7235). */
export interface Challenge {
  /** Lower-cased scheme: `bearer`, `basic`, … */
  scheme: string;
  /** Parameters with lower-cased names and unquoted, unescaped values. */
  params: Record<string, string>;
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/**
 * Parse every challenge in one or more `WWW-Authenticate` header values, e.g.
 * `Bearer realm="https://auth.example/token",service="registry",scope="repository:a:pull"` or
 * `Basic realm="x"`. Quoted strings may contain commas and `\"` escapes; several challenges may
 * share one header. Malformed trailing input is ignored rather than guessed at.
 */
export function parseChallenges(headers: string | readonly string[] | undefined): Challenge[] {
  if (headers === undefined) return [];
  const values = typeof headers === 'string' ? [headers] : headers;
  const out: Challenge[] = [];
  for (const value of values) out.push(...parseOne(value));
  return out;
}

function parseOne(input: string): Challenge[] {
  const challenges: Challenge[] = [];
  let i = 0;
  const skipSpace = (): void => {
    while (i < input.length && (input[i] === ' ' || input[i] === '\t')) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < input.length && TOKEN_CHAR.test(input[i] as string)) i++;
    return input.slice(start, i);
  };
  const readQuoted = (): string => {
    i++; // opening quote
    let out = '';
    while (i < input.length && input[i] !== '"') {
      if (input[i] === '\\' && i + 1 < input.length) i++;
      out += input[i];
      i++;
    }
    i++; // closing quote
    return out;
  };

  let current: Challenge | undefined;
  while (i < input.length) {
    skipSpace();
    if (input[i] === ',') {
      i++;
      continue;
    }
    const token = readToken();
    if (token.length === 0) break; // unparsable: stop rather than guess
    skipSpace();
    if (input[i] === '=' && current) {
      // auth-param: name=value (a token68 would be followed by '=' padding and no value)
      i++;
      skipSpace();
      const value = input[i] === '"' ? readQuoted() : readToken();
      current.params[token.toLowerCase()] = value;
      continue;
    }
    current = { scheme: token.toLowerCase(), params: {} };
    challenges.push(current);
  }
  return challenges;
}
