/**
 * `npm run build`: bundles each entry point (the bot, the CLI, deploy-commands, the sharding
 * manager and every command module) into `dist/` with esbuild. Type checking stays with `tsc --noEmit` (`npm test`); esbuild
 * only strips types, which is why a build takes well under a second.
 *
 * Why a bundle and not tsc's file-for-file output: tsc's emit takes tens of seconds here and esbuild
 * a fraction of one, so building whenever the sources changed costs nothing, and one file per chunk
 * instead of about 250 starts a little faster (figures in the README). Third-party
 * packages stay external (`node_modules` is installed in production anyway), and code shared by the
 * entry points is split into chunks, so a dynamic `import()` of a module the configuration does not
 * use stays lazy. Prompts are not bundled: they are data, read from `prompts/` at start.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const DIST = join(ROOT, 'dist');
/** Written last: its time is when the build finished, and its absence means no complete build. */
const STAMP = join(DIST, '.built');
/** What a build reads: when any of it is newer than the stamp, `npm start` builds again. */
const SOURCES = ['src', 'commands', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs'];

function entryPoints() {
  const entries = { main: 'src/main.ts', cli: 'src/cli.ts', 'deploy-commands': 'src/discord/deploy-commands.ts' };
  if (statSync(join(ROOT, 'src/shard-manager.ts'), { throwIfNoEntry: false })) entries['shard-manager'] = 'src/shard-manager.ts';
  for (const file of readdirSync(join(ROOT, 'commands'))) {
    if (file.endsWith('.ts') && !file.endsWith('.d.ts')) entries[`commands/${file.slice(0, -3)}`] = `commands/${file}`;
  }
  return entries;
}

function newestMtime(path) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * True when there is no complete build, or a source is newer than it. A shipped bundle with no
 * sources beside it (the container image) is never stale: there is nothing to build it from.
 */
export function isBuildStale() {
  const built = statSync(STAMP, { throwIfNoEntry: false });
  if (built && !statSync(join(ROOT, 'src'), { throwIfNoEntry: false })) return false;
  if (!built) return true;
  return SOURCES.some((source) => newestMtime(join(ROOT, source)) > built.mtimeMs);
}

const LOCK = `${DIST}.lock`;
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 60_000;

/**
 * Builds when the build is stale, once even when several processes start together (two CLI runs,
 * the bot and a CLI): the first takes a lock directory, the others wait for it and then find the
 * build fresh.
 */
export async function ensureBuilt() {
  while (isBuildStale()) {
    try {
      mkdirSync(LOCK);
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const lock = statSync(LOCK, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    try {
      if (isBuildStale()) await build({ quiet: true });
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

export async function build({ quiet = false } = {}) {
  const { build: esbuild } = await import('esbuild').catch((error) => {
    throw new Error('dist/ is missing or older than the sources, and esbuild (a dev dependency) is not installed: run `npm ci` and `npm run build`, or ship dist/ with the production install.', { cause: error });
  });
  const started = performance.now();
  // Built beside dist/ and swapped in when complete: a failed build leaves the last good one, and a
  // bot running from dist/ never sees a half-written folder.
  const next = `${DIST}.next-${process.pid}`;
  const old = `${DIST}.old-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: entryPoints(),
    outdir: next,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  }).catch((error) => {
    rmSync(next, { recursive: true, force: true });
    throw error;
  });
  mkdirSync(next, { recursive: true });
  writeFileSync(join(next, '.built'), `${new Date().toISOString()}\n`);
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(next, DIST);
  rmSync(old, { recursive: true, force: true });
  if (!quiet) {
    const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
    const bytes = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
    process.stderr.write(`built ${outputs.length} files (${(bytes / 1024).toFixed(0)} KB) in ${relative(process.cwd(), DIST) || DIST} in ${(performance.now() - started).toFixed(0)} ms\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build();
