import type { InteractionEditReplyOptions, RepliableInteraction } from 'discord.js';

/** The ways a command answers an interaction once it is acknowledged. */
const ANSWER_METHODS = ['reply', 'editReply', 'followUp', 'deleteReply'] as const;

/** What a command's late answer meets once shutdown has told the user to try again. */
export class InteractionClosedError extends Error {
  override readonly name = 'InteractionClosedError';
  constructor() {
    super('The user was already told to try again after a restart; this late answer is dropped.');
  }
}

export interface AnswerGate {
  /**
   * Closes the interaction to its command's answers, unless one has already started (then it is
   * left to land, and this returns false). Once closed, the caller's `editReply` is the only answer.
   */
  close(): boolean;
  readonly closed: boolean;
  editReply(options: InteractionEditReplyOptions): Promise<unknown>;
}

/**
 * Puts a gate in front of the interaction's answer methods, so that shutdown can tell a user whose
 * work is unfinished to try again without the work's own answer following (a second answer, or an
 * error from stores already closed replacing the notice). Own properties shadow discord.js's
 * methods on this one object only; nothing else about the interaction changes.
 */
export function gateAnswers(interaction: RepliableInteraction): AnswerGate {
  let state: 'open' | 'answering' | 'closed' = 'open';
  const editReply = interaction.editReply.bind(interaction);
  for (const method of ANSWER_METHODS) {
    const original = (interaction[method] as (...args: unknown[]) => Promise<unknown>).bind(interaction);
    Object.defineProperty(interaction, method, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => {
        if (state === 'closed') return Promise.reject(new InteractionClosedError());
        state = 'answering';
        return original(...args);
      },
    });
  }
  return {
    close() {
      if (state !== 'open') return false;
      state = 'closed';
      return true;
    },
    get closed() {
      return state === 'closed';
    },
    editReply: (options) => editReply(options),
  };
}
