import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where the project's files are, found from this module's own location so that they are the same
 * whatever the working directory (`npm start` from a service manager, the CLI run from another
 * folder). This module sits one level below the root both as source (`src/project-paths.ts`) and
 * built (`npm run build` bundles it into a file directly in `dist/`), so `..` is the root either way.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const RUNS_BUILT = basename(HERE) === 'dist';

export const PROJECT_ROOT = dirname(HERE);
/** Prompts are data read at start, never bundled: an operator may edit them without a build. */
export const PROMPTS_DIR = join(PROJECT_ROOT, 'prompts');
export const PROJECT_ENV_FILE = join(PROJECT_ROOT, '.env');
/** The command modules the bot loads: `commands/*.ts` from source, their bundles in `dist/commands/` when built. */
export const COMMANDS_DIR = pathToFileURL(`${RUNS_BUILT ? join(HERE, 'commands') : join(PROJECT_ROOT, 'commands')}/`);
