import type { ComponentHandler, CommandModule } from './command-module.js';

/**
 * A button's or modal's `custom_id` is `prefix:argument`: the prefix finds its handler, the argument
 * (a button state's short id) is the handler's own. Ids are built and read only here.
 */
export function componentId(handler: Pick<ComponentHandler, 'prefix'>, argument: string): string {
  return `${handler.prefix}:${argument}`;
}

export function splitComponentId(customId: string): [prefix: string, argument: string] {
  const colon = customId.indexOf(':');
  return colon === -1 ? [customId, ''] : [customId.slice(0, colon), customId.slice(colon + 1)];
}

/**
 * Every command's buttons and modals by prefix. Two handlers with one prefix would silently take
 * each other's clicks, so a duplicate is an error at load, as a duplicate command name is.
 */
export function componentHandlers(commands: ReadonlyMap<string, CommandModule>): Map<string, ComponentHandler> {
  const handlers = new Map<string, ComponentHandler>();
  const owners = new Map<string, string>();
  for (const command of commands.values()) {
    for (const handler of command.components ?? []) {
      const owner = owners.get(handler.prefix);
      // The same handler listed by two commands (shared buttons) is one handler, not a clash.
      if (owner !== undefined && handlers.get(handler.prefix) !== handler) {
        throw new Error(`/${command.data.name}: a button or modal with the prefix "${handler.prefix}" is already handled by /${owner}.`);
      }
      handlers.set(handler.prefix, handler);
      owners.set(handler.prefix, command.data.name);
    }
  }
  return handlers;
}
