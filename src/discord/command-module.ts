import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import type { Services } from '../services.js';

/** How a command acknowledges before any I/O: a public or ephemeral deferred reply, or none (modals). */
export type DeferMode = 'public' | 'ephemeral' | 'none';

export type CommandInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

/**
 * One file in `commands/`: plain command data, how to defer, and a thin `execute` that parses
 * options, calls a service and renders. `defer` may depend on the options (`private: true`).
 */
export interface CommandModule<I extends CommandInteraction = CommandInteraction> {
  data: RESTPostAPIApplicationCommandsJSONBody;
  defer: DeferMode | ((interaction: I) => DeferMode);
  /**
   * Checks that need no I/O (a malformed link, empty text, an unknown language), run before the
   * defer: a UserFacingError thrown here is answered privately at once, with no public "thinking…".
   */
  check?(interaction: I, services: Services): void;
  execute(interaction: I, services: Services): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, services: Services): Promise<void>;
  /** Buttons and modals this command puts on screen, found by the custom id's prefix (`more:abc123`). */
  components?: ComponentHandler[];
}

export type ComponentInteraction = ButtonInteraction | ModalSubmitInteraction;

export interface ComponentHandler {
  /** The custom id up to its first colon. */
  prefix: string;
  defer: DeferMode;
  /** As a command's `check`: no I/O, runs before the defer. */
  check?(interaction: ComponentInteraction, services: Services): void;
  /** `argument` is what follows the prefix and colon, for example a button state's short id. */
  execute(interaction: ComponentInteraction, argument: string, services: Services): Promise<void>;
}

/** Checked on load, so a malformed command file fails at start-up, not at the first use. */
export const commandModuleSchema = z.object({
  data: z.looseObject({ name: z.string().min(1).max(32), type: z.number().int().optional() }),
  defer: z.union([z.enum(['public', 'ephemeral', 'none']), z.function()]),
  check: z.function().optional(),
  execute: z.function(),
  autocomplete: z.function().optional(),
  components: z.array(z.object({ prefix: z.string().regex(/^[a-z-]+$/), defer: z.enum(['public', 'ephemeral', 'none']), check: z.function().optional(), execute: z.function() })).optional(),
});
