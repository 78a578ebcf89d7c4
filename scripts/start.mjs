/**
 * `npm start`: runs the built bot (`dist/main.js`), building it first when `dist/` is missing or
 * older than the sources, so a fresh clone and a `git pull` both just work. The check is a walk of
 * `src/` and `commands/` (a few milliseconds); esbuild is loaded only when a build is needed. The
 * bot runs in this same process, so signals reach it directly.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { build, DIST, isBuildStale } from './build.mjs';

if (isBuildStale()) await build();
await import(pathToFileURL(join(DIST, 'main.js')).href);
