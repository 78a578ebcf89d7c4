import { randomBytes } from 'node:crypto';
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { UserFacingError } from '../errors.js';
import type { Logger } from '../log.js';
import type { CommandOutcome } from '../metrics/metrics.js';
import type { Services } from '../services.js';
import type { CommandInteraction, CommandModule, DeferMode } from './command-module.js';
import { componentHandlers, splitComponentId } from './component-id.js';
import { gateAnswers, type AnswerGate } from './gate-answers.js';
import { NO_MENTIONS } from './render/neutralise-mentions.js';
import type { UserLimits } from './user-limits.js';

/** Interaction tokens live 15 minutes; the work must finish well inside that. */
export const WORK_LIMIT_MS = 10 * 60_000;
/** Discord drops an autocomplete answer after 3 s. */
const AUTOCOMPLETE_LIMIT_MS = 2_500;

export interface InteractionCounts {
  succeeded: number;
  failed: number;
  userErrors: number;
  rateLimited: number;
}

export interface BoundaryOptions {
  commands: ReadonlyMap<string, CommandModule>;
  services: Services;
  userLimits: UserLimits;
  log: Logger;
  workLimitMs?: number;
}

export interface InteractionBoundary {
  handle(interaction: Interaction): Promise<void>;
  readonly counts: InteractionCounts;
  /** Interactions being worked on now; shutdown waits for them. */
  readonly inFlight: Set<Promise<void>>;
  /**
   * Shutdown, once it has waited long enough: edits each deferred reply whose work has not begun to
   * answer into `message`, and drops the work's later answer. Resolves with how many were told.
   */
  tellUnfinished(message: string): Promise<number>;
}

/**
 * The one place every interaction passes: it acknowledges first (as the command declares), then
 * runs the command under a time limit, and turns any failure into an answer. A UserFacingError
 * becomes its message, ephemeral; anything else is logged with context and the user sees a
 * reference to quote. Successes and failures are counted.
 */
export function createInteractionBoundary(options: BoundaryOptions): InteractionBoundary {
  const counts: InteractionCounts = { succeeded: 0, failed: 0, userErrors: 0, rateLimited: 0 };
  const inFlight = new Set<Promise<void>>();
  /** Deferred interactions whose work is running, with the gate shutdown may close on them. */
  const unfinished = new Map<AnswerGate, Record<string, unknown> & { command: string }>();
  const components = componentHandlers(options.commands);

  // Acknowledge first, across interactions too: under a burst, each one's work waits until every
  // interaction that has arrived is acknowledged, so no defer queues behind another's CPU work.
  const acks = createAckGate();

  async function run(interaction: Interaction, arrivedAt: number): Promise<void> {
    if (interaction.isAutocomplete()) {
      const command = options.commands.get(interaction.commandName);
      await withTimeout(command?.autocomplete?.(interaction, options.services) ?? interaction.respond([]), AUTOCOMPLETE_LIMIT_MS).catch(
        (error: unknown) => options.log.warn({ err: error, command: interaction.commandName }, 'autocomplete failed'),
      );
      return;
    }
    if (!interaction.isRepliable()) return;
    const target = resolve(interaction);
    if (!target) return;
    const context = { command: target.name, guildId: interaction.guildId, userId: interaction.user.id, interactionId: interaction.id };
    let deferred: DeferMode = 'none';
    let gate: AnswerGate | null = null;
    const acknowledged = acks.begin();
    const ackTimer = timeAck(arrivedAt, interaction, options.services.metrics.interactionAcknowledged);
    const finish = (outcome: CommandOutcome) => {
      ackTimer.check();
      options.services.metrics.commandAnswered(target.name, outcome);
    };
    try {
      const limit = await options.userLimits.take(interaction.user.id);
      if (!limit.allowed) {
        counts.rateLimited += 1;
        await interaction.reply({
          content: `You're going a little fast. Try again in ${Math.ceil(limit.retryAfterMs / 1000)} s.`,
          flags: MessageFlags.Ephemeral,
          allowedMentions: NO_MENTIONS,
        });
        finish('rate_limited');
        return;
      }
      target.check();
      deferred = target.defer;
      if (deferred !== 'none') {
        await interaction.deferReply(deferred === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {});
        gate = gateAnswers(interaction);
        unfinished.set(gate, context);
      }
      ackTimer.check();
      acknowledged();
      await acks.settled();
      await withTimeout(target.execute(), options.workLimitMs ?? WORK_LIMIT_MS);
      counts.succeeded += 1;
      options.log.info(context, 'interaction answered');
      finish('ok');
    } catch (error) {
      acknowledged();
      // Shutdown told this user to try again (and counted it); the work's failure since is no news to them.
      if (gate?.closed) {
        options.log.info({ ...context, err: error }, 'unfinished interaction ended after the restart notice');
        return;
      }
      await answerFailure(interaction, error, deferred, context);
      finish(error instanceof WorkTimeoutError ? 'timeout' : error instanceof UserFacingError ? 'refused' : 'error');
    } finally {
      acknowledged();
      if (gate) unfinished.delete(gate);
    }
  }

  function resolve(interaction: RepliableInteraction): ResolvedTarget | null {
    if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
      const command = options.commands.get(interaction.commandName);
      if (!command) return null;
      const typed = interaction as CommandInteraction;
      const defer = typeof command.defer === 'function' ? command.defer(typed) : command.defer;
      return {
        name: interaction.commandName,
        defer,
        check: () => command.check?.(typed, options.services),
        execute: () => command.execute(typed, options.services),
      };
    }
    if (interaction.isButton() || interaction.isModalSubmit()) {
      const [prefix = '', argument = ''] = splitComponentId(interaction.customId);
      const handler = components.get(prefix);
      if (!handler) return null;
      return {
        name: `component:${prefix}`,
        defer: handler.defer,
        check: () => handler.check?.(interaction, options.services),
        execute: () => handler.execute(interaction, argument, options.services),
      };
    }
    return null;
  }

  async function answerFailure(interaction: RepliableInteraction, error: unknown, deferred: DeferMode, context: Record<string, unknown>) {
    let message: string;
    if (error instanceof UserFacingError) {
      counts.userErrors += 1;
      // Refusals are written to hold no secret; this makes sure of it before Discord shows one.
      message = options.services.secrets.scrub(error.message);
      options.log.info({ ...context, code: error.code }, 'interaction refused');
    } else {
      counts.failed += 1;
      const reference = randomBytes(3).toString('hex');
      message = `Something went wrong (ref ${reference}).`;
      options.log.error({ ...context, err: error, reference }, 'interaction failed');
    }
    try {
      if (deferred === 'public') {
        // A public "thinking…" must not turn into a public error: remove it, tell the user alone.
        await interaction.deleteReply().catch(() => undefined);
        await interaction.followUp({ content: message, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      } else if (interaction.deferred || interaction.replied) {
        await interaction.editReply({ content: message, embeds: [], components: [], allowedMentions: NO_MENTIONS });
      } else {
        await interaction.reply({ content: message, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      }
    } catch (answerError) {
      options.log.warn({ ...context, err: answerError }, 'could not tell the user about a failure');
    }
  }

  async function tellUnfinished(message: string): Promise<number> {
    const told = [...unfinished].filter(([gate]) => gate.close());
    await Promise.all(
      told.map(async ([gate, context]) => {
        unfinished.delete(gate);
        counts.failed += 1;
        options.services.metrics.commandAnswered(context.command, 'timeout');
        try {
          await gate.editReply({ content: message, embeds: [], components: [], allowedMentions: NO_MENTIONS });
          options.log.info(context, 'unfinished interaction told to try again');
        } catch (error) {
          options.log.warn({ ...context, err: error }, 'could not tell an unfinished interaction to try again');
        }
      }),
    );
    return told.length;
  }

  return {
    counts,
    inFlight,
    tellUnfinished,
    handle(interaction) {
      const work = run(interaction, performance.now()).finally(() => inFlight.delete(work));
      inFlight.add(work);
      return work;
    },
  };
}

interface ResolvedTarget {
  name: string;
  defer: DeferMode;
  /** Throws the user's mistake before anything is acknowledged. */
  check: () => void;
  execute: () => Promise<void>;
}

/**
 * Observes, once, the time from arrival to Discord accepting the interaction's first response.
 * `check()` is called after each step that may have answered: a defer, a refusal, and (for commands
 * that defer nothing and answer in their own work, such as a modal) the end of the work, which
 * makes theirs an upper bound.
 */
function timeAck(arrivedAt: number, interaction: RepliableInteraction, observe: (seconds: number) => void) {
  let observed = false;
  return {
    check() {
      if (observed || !(interaction.deferred || interaction.replied)) return;
      observed = true;
      observe((performance.now() - arrivedAt) / 1000);
    },
  };
}

/** Never holds work back longer than this, even if an acknowledgement hangs. */
const ACK_WAIT_CAP_MS = 250;

/** Counts interactions not yet acknowledged; `settled()` resolves when there are none (or after a short cap). */
function createAckGate() {
  let pending = 0;
  const waiters: Array<() => void> = [];
  return {
    /** Returns the release, safe to call more than once. */
    begin(): () => void {
      pending += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        pending -= 1;
        if (pending === 0) for (const wake of waiters.splice(0)) wake();
      };
    },
    settled(): Promise<void> {
      if (pending === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, ACK_WAIT_CAP_MS);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

class WorkTimeoutError extends UserFacingError {
  constructor(limitMs: number) {
    super('work_timeout', `This took longer than ${Math.round(limitMs / 60_000)} minutes, so newsbrief stopped. Try again later.`, { badInput: false });
  }
}

async function withTimeout<T>(work: Promise<T>, limitMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WorkTimeoutError(limitMs)), limitMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
