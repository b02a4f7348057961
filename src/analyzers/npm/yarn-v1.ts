/** One entry of a yarn v1 lockfile: the descriptors it resolves and its own (2-space) fields. */
export interface YarnV1Block {
  descriptors: string[];
  fields: Record<string, string>;
  /** 1-based line of the block's header, for messages. */
  line: number;
}

/**
 * Parses a yarn classic (v1) lockfile: blocks headed by `desc1, "desc2":` at column 0, followed
 * by `  key value` fields; deeper sections (`dependencies:`) are skipped. Throws an Error naming
 * the line when the text is not in that shape.
 */
export function parseYarnV1(text: string): YarnV1Block[] {
  const blocks: YarnV1Block[] = [];
  let current: YarnV1Block | undefined;
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    const lineNo = index + 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      if (!line.endsWith(':')) throw new Error(`line ${lineNo}: expected "descriptor:" to start an entry`);
      current = { descriptors: splitDescriptors(line.slice(0, -1), lineNo), fields: {}, line: lineNo };
      blocks.push(current);
      continue;
    }
    if (!current) throw new Error(`line ${lineNo}: indented field outside an entry`);
    if (indent !== 2) continue;
    const field = parseField(line.slice(2), lineNo);
    if (field) current.fields[field.key] = field.value;
  }
  return blocks;
}

/** `a@^1, "b@>= 2 < 3"` → [`a@^1`, `b@>= 2 < 3`]; commas inside quotes are kept. */
function splitDescriptors(header: string, lineNo: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < header.length) {
    while (header[i] === ' ') i++;
    if (header[i] === '"') {
      const { value, end } = readQuoted(header, i, lineNo);
      out.push(value);
      i = end;
    } else {
      const comma = header.indexOf(',', i);
      const end = comma < 0 ? header.length : comma;
      out.push(header.slice(i, end).trim());
      i = end;
    }
    while (header[i] === ' ') i++;
    if (i < header.length) {
      if (header[i] !== ',') throw new Error(`line ${lineNo}: expected "," between descriptors`);
      i++;
    }
  }
  const descriptors = out.filter((d) => d !== '');
  if (descriptors.length === 0) throw new Error(`line ${lineNo}: entry without a descriptor`);
  return descriptors;
}

/** `version "1.2.3"` / `resolved https://…` / `dependencies:` (a section: undefined). */
function parseField(text: string, lineNo: number): { key: string; value: string } | undefined {
  let key: string;
  let rest: string;
  if (text.startsWith('"')) {
    const quoted = readQuoted(text, 0, lineNo);
    key = quoted.value;
    rest = text.slice(quoted.end);
  } else {
    const space = text.indexOf(' ');
    key = space < 0 ? text : text.slice(0, space);
    rest = space < 0 ? '' : text.slice(space);
  }
  rest = rest.trim();
  if (key.endsWith(':') && rest === '') return undefined;
  if (rest === '') return undefined;
  const value = rest.startsWith('"') ? readQuoted(rest, 0, lineNo).value : rest;
  return { key, value };
}

function readQuoted(text: string, start: number, lineNo: number): { value: string; end: number } {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  if (i >= text.length) throw new Error(`line ${lineNo}: unterminated string`);
  const literal = text.slice(start, i + 1);
  try {
    return { value: JSON.parse(literal) as string, end: i + 1 };
  } catch {
    throw new Error(`line ${lineNo}: invalid string ${literal}`);
  }
}
