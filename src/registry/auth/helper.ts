import { spawn } from 'node:child_process';
import { z } from 'zod';
import { VigiaError } from '../../core/errors.js';
import type { Credentials } from './docker-config.js';

const helperOutputSchema = z.looseObject({
  ServerURL: z.string().optional(),
  Username: z.string(),
  Secret: z.string(),
});

const NOT_FOUND = /credentials not found/i;
const MAX_OUTPUT = 1 << 20;

/**
 * Ask a docker credential helper for the credentials of `serverUrl`, as docker does: run
 * `docker-credential-<name> get` (found on `PATH`) with the server URL on stdin and read
 * `{"Username","Secret"}` from stdout. A `<token>` user name means the secret is an identity
 * token. Undefined when the helper says it has no credentials; other failures are errors that
 * name the helper.
 */
export async function helperCredentials(
  name: string,
  serverUrl: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<Credentials | undefined> {
  const program = `docker-credential-${name}`;
  const fail = (why: string, cause?: unknown): VigiaError =>
    new VigiaError('CONFIG_INVALID', `credential helper ${program} (for ${serverUrl}): ${why}`, { cause });
  const { code, stdout, stderr } = await run(program, serverUrl, env, timeoutMs).catch((err: unknown) => {
    const errno = (err as NodeJS.ErrnoException).code;
    throw fail(errno === 'ENOENT' ? 'not found on PATH' : String((err as Error).message), err);
  });
  if (code !== 0) {
    if (NOT_FOUND.test(stdout) || NOT_FOUND.test(stderr)) return undefined;
    throw fail(`exited with status ${code}: ${(stderr || stdout).trim().split('\n')[0] ?? ''}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch (err) {
    throw fail('printed something that is not JSON', err);
  }
  const parsed = helperOutputSchema.safeParse(json);
  if (!parsed.success) throw fail('output lacks Username/Secret');
  const { Username, Secret } = parsed.data;
  const source = program;
  if (Username === '<token>') return { identityToken: Secret, source };
  if (!Username && !Secret) return undefined;
  return { username: Username, password: Secret, source };
}

function run(
  program: string,
  input: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['get'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += s;
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // helper may exit without reading stdin
    child.stdin.end(input);
  });
}
