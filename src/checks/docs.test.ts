import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test-support/fixtures.js';
import { DOCKERFILE_CHECKS } from './dockerfile/catalogue.js';
import { IMAGE_CHECKS } from './misconfig/catalogue.js';
import { DEFAULT_ALLOW } from './secrets/allow.js';
import { DEFAULT_RULES } from './secrets/rules.js';

const doc = readFileSync(join(REPO_ROOT, 'docs/checks.md'), 'utf8');
const rows = doc.split('\n').filter((l) => l.startsWith('| '));

describe('docs/checks.md', () => {
  it('lists every secret rule with its severity and title', () => {
    for (const rule of DEFAULT_RULES) {
      const row = rows.find((r) => r.startsWith(`| \`${rule.id}\` |`));
      expect(row, rule.id).toContain(`| ${rule.severity} | ${rule.title} |`);
    }
  });

  it('lists every image and Dockerfile check with its severity and title', () => {
    for (const check of [...Object.values(IMAGE_CHECKS), ...Object.values(DOCKERFILE_CHECKS)]) {
      const row = rows.find((r) => r.startsWith(`| ${check.id} |`));
      expect(row, check.id).toContain(`| ${check.severity} | ${check.title.replace(/\|/g, '\\|')} |`);
    }
  });

  it('names every built-in allow-rule', () => {
    for (const allow of DEFAULT_ALLOW) expect(doc).toContain(`\`${allow.id}\``);
  });
});
