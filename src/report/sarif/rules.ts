import { isHttpUrl } from '../links.js';
import { byCodeUnit } from '../spdx/uuid.js';
import {
  severityRank,
  type Finding,
  type MisconfigFinding,
  type SecretFinding,
  type VulnerabilityFinding,
} from '../types.js';
import { sarifLevel, securitySeverity } from './levels.js';

/** A SARIF reportingDescriptor (rule), as vigia fills it. */
export interface SarifRule {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: { tags: string[]; precision: string; 'security-severity'?: string; kind: Finding['kind'] };
}

/** The rule id of a finding: the vulnerability id, the secret rule id or the misconfig check id. */
export function ruleKey(f: Finding): string {
  if (f.kind === 'vulnerability') return f.id;
  if (f.kind === 'secret') return f.ruleId;
  return f.checkId;
}

const KIND_ORDER: Finding['kind'][] = ['vulnerability', 'secret', 'misconfig'];

/**
 * One rule per vulnerability id, secret rule id and misconfig check id, in a stable order (kind,
 * then id). Two kinds sharing an id keep apart: the later kind's rule id gets a `kind/` prefix.
 * Returns the rules and each finding's rule id.
 */
export function buildRules(findings: readonly Finding[]): { rules: SarifRule[]; idOf: Map<Finding, string> } {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${KIND_ORDER.indexOf(f.kind)}\0${ruleKey(f)}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const keys = [...groups.keys()].sort(byCodeUnit);
  const rules: SarifRule[] = [];
  const idOf = new Map<Finding, string>();
  const used = new Set<string>();
  for (const key of keys) {
    const group = groups.get(key) as Finding[];
    const first = group[0] as Finding;
    let id = ruleKey(first);
    if (used.has(id)) id = `${first.kind}/${id}`;
    used.add(id);
    for (const f of group) idOf.set(f, id);
    rules.push(ruleOf(id, group));
  }
  return { rules, idOf };
}

function ruleOf(id: string, group: Finding[]): SarifRule {
  const worst = [...group].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0] as Finding;
  const props: SarifRule['properties'] = { tags: tagsOf(group), precision: 'very-high', kind: worst.kind };
  const sev = securitySeverity(worst);
  if (sev) props['security-severity'] = sev;
  const base = { id, defaultConfiguration: { level: sarifLevel(worst.severity) }, properties: props };
  if (worst.kind === 'vulnerability')
    return { ...base, ...vulnerabilityText(id, group as VulnerabilityFinding[]) };
  if (worst.kind === 'secret') return { ...base, ...secretText(worst) };
  return { ...base, ...misconfigText(worst) };
}

function tagsOf(group: Finding[]): string[] {
  const tags = new Set<string>(['security']);
  for (const f of group) {
    tags.add(f.kind);
    tags.add(f.severity);
    if (f.kind === 'vulnerability') tags.add(f.package.ecosystem);
    if (f.kind === 'secret') tags.add(f.category);
    if (f.kind === 'misconfig') tags.add(f.source);
  }
  return [...tags].sort(byCodeUnit);
}

function vulnerabilityText(id: string, group: VulnerabilityFinding[]) {
  const f = group[0] as VulnerabilityFinding;
  const title =
    f.title ?? `${id} affects ${[...new Set(group.map((g) => g.package.name))].sort(byCodeUnit).join(', ')}`;
  const aliases = f.aliases.length ? ` (also ${f.aliases.join(', ')})` : '';
  const rows = [...group]
    .sort((a, b) => byCodeUnit(a.package.purl, b.package.purl))
    .map(
      (g) =>
        `| ${md(g.package.name)} | ${md(g.installedVersion)} | ${md(g.fixedVersion ?? 'no fix yet')} | ${g.severity} | ${g.layer.index} |`,
    );
  const refs = f.references.slice(0, 10);
  const text = [
    `${id}${aliases}: ${f.title ?? 'vulnerability'}`,
    ...group.map(
      (g) => `${g.package.name} ${g.installedVersion}: fixed in ${g.fixedVersion ?? 'no fix yet'}`,
    ),
    ...refs,
  ].join('\n');
  const markdown = [
    `**${md(id)}**${md(aliases)}: ${md(f.title ?? 'vulnerability')}`,
    '',
    '| Package | Installed | Fixed | Severity | Layer |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ...(refs.length ? ['', ...refs.map((r) => `- <${r}>`)] : []),
  ].join('\n');
  const out: Pick<SarifRule, 'name' | 'shortDescription' | 'fullDescription' | 'help' | 'helpUri'> = {
    shortDescription: { text: title },
    fullDescription: { text: f.description ?? title },
    help: { text, markdown },
  };
  const uri = f.references.find(isHttpUrl);
  if (uri) out.helpUri = uri;
  return out;
}

function secretText(f: SecretFinding) {
  const text = `${f.title} (${f.category}). Remove the secret from every layer (a later layer deleting it does not remove it from the image) and rotate it.`;
  return {
    name: f.ruleId,
    shortDescription: { text: f.title },
    fullDescription: { text },
    help: { text, markdown: md(text) },
  };
}

function misconfigText(f: MisconfigFinding) {
  return {
    name: f.checkId,
    shortDescription: { text: f.title },
    fullDescription: { text: `${f.title}. ${f.remediation}` },
    help: { text: f.remediation, markdown: md(f.remediation) },
  };
}

/** Escape what would break a Markdown table cell. */
export function md(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
