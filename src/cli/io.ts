import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { VigiaError } from '../core/errors.js';

/** Where results and progress go. Results: stdout or `--output FILE`. Progress: stderr. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** The process's own streams. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/**
 * Write a command's result: to `outputPath` atomically (temp file + rename, so a reader never
 * sees half a report), else to stdout.
 */
export async function writeResult(io: CliIO, text: string | Buffer, outputPath?: string): Promise<void> {
  if (!outputPath) {
    await new Promise<void>((resolve, reject) =>
      io.stdout.write(text, (err) => (err ? reject(err) : resolve())),
    );
    return;
  }
  const tmp = join(dirname(outputPath), `.${basename(outputPath)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, outputPath);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new VigiaError('WRITE_FAILED', `cannot write ${outputPath}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
