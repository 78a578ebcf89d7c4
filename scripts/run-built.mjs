/**
 * `npm start`, `npm run summarize` and `npm run deploy-commands`: runs an entry point's bundle from
 * `dist/`, building it first when `dist/` is missing or older than the sources, so that a fresh
 * clone and a `git pull` both just work. The check is a walk of `src/` and `commands/` (a few
 * milliseconds) and esbuild is loaded only when a build is needed. The entry runs in this same
 * process, so signals and exit codes are its own.
 *   node scripts/run-built.mjs main|cli|deploy-commands [args…]
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ensureBuilt } from './build.mjs';

const ENTRIES = new Set(['main', 'cli', 'deploy-commands', 'shard-manager']);
const [entry = '', ...args] = process.argv.slice(2);
if (!ENTRIES.has(entry)) {
  process.stderr.write(`usage: node scripts/run-built.mjs ${[...ENTRIES].join('|')} [args…]\n`);
  process.exit(2);
}
await ensureBuilt();
// The entry reads its arguments from process.argv as if it had been run directly.
process.argv = [process.argv[0] ?? 'node', join(DIST, `${entry}.js`), ...args];
await import(pathToFileURL(join(DIST, `${entry}.js`)).href);
