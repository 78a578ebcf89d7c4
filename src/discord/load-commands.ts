import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { commandModuleSchema, type CommandModule } from './command-module.js';
import { componentHandlers } from './component-id.js';
import { COMMANDS_DIR } from '../project-paths.js';

export { COMMANDS_DIR };


/**
 * Every `commands/*.ts` file's default export, checked by a zod guard at start-up so a malformed
 * command, or a command name or button prefix used twice, fails loudly before the bot takes its
 * first interaction.
 */
export async function loadCommands(dir: URL = COMMANDS_DIR): Promise<Map<string, CommandModule>> {
  const commands = new Map<string, CommandModule>();
  const files = (await readdir(dir)).filter((file) => ['.ts', '.js'].includes(extname(file)) && !file.endsWith('.d.ts')).sort();
  for (const file of files) {
    const module = (await import(pathToFileURL(join(dir.pathname, file)).href)) as { default?: unknown };
    const checked = commandModuleSchema.safeParse(module.default);
    if (!checked.success) {
      throw new Error(`commands/${file} must export default { data, defer, execute }: ${checked.error.issues.map((issue) => issue.path.join('.') || 'default').join(', ')} invalid.`);
    }
    const command = module.default as CommandModule;
    if (commands.has(command.data.name)) throw new Error(`commands/${file}: a command named "${command.data.name}" is already loaded.`);
    commands.set(command.data.name, command);
  }
  componentHandlers(commands);
  return commands;
}
