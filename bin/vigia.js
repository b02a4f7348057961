#!/usr/bin/env node
// Entry point: runs the compiled CLI (built by `npm ci` / `npm run build` into dist/).
import { run } from '../dist/cli/main.js';

process.exitCode = await run(process.argv.slice(2));
