import { describe, expect, it } from 'vitest';
import { runVigia } from '../test-support/cli.js';

describe('vigia CLI', () => {
  it('prints help and exits 0', async () => {
    const r = await runVigia(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: vigia');
  });

  it('rejects an unknown flag with the usage status 2 and no stack trace', async () => {
    const r = await runVigia(['--no-such-flag']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--no-such-flag'");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
