import type { APIEmbed } from 'discord.js';
import { vi } from 'vitest';
import type { Call, FakeDiscord, RecordedCallback, SentInteraction } from './fake-discord.js';

/**
 * What the bot answered to each interaction, read off the fake Discord's wire: the fault suite's
 * "nothing lost, nothing twice". Only requests Discord accepted count (a 429 or 5xx that the REST
 * client retried is not an answer), so an edit that landed once after three 429s is one edit.
 */

export interface AnswerBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: Array<{ components: Array<{ custom_id?: string; label?: string }> }>;
}

export interface Answers {
  /** The interaction's callbacks (type 5 is a deferral). */
  callbacks: RecordedCallback[];
  /** Accepted PATCHes of `@original`. */
  edits: Call[];
  /** Every other accepted request on the interaction's webhook: follow-ups, deletions. */
  others: Call[];
}

export function answersTo(discord: FakeDiscord, sent: SentInteraction): Answers {
  const webhook = `/webhooks/${discord.applicationId}/${sent.token}`;
  const accepted = discord.calls.filter((call) => call.path.startsWith(webhook) && call.status >= 200 && call.status < 300);
  const isEdit = (call: Call) => call.method === 'PATCH' && call.path === `${webhook}/messages/@original`;
  return { callbacks: discord.callbacksFor(sent.id), edits: accepted.filter(isEdit), others: accepted.filter((call) => !isEdit(call)) };
}

/**
 * Resolves once every interaction has had a final answer accepted (an edit or a follow-up), then
 * waits `quietMs` more so that a second answer, were there one, is on the wire when the test counts.
 */
export async function waitForFinalAnswers(discord: FakeDiscord, sent: readonly SentInteraction[], timeoutMs: number, quietMs = 500): Promise<void> {
  await vi.waitFor(
    () => {
      const waiting = sent.filter((interaction) => {
        const answers = answersTo(discord, interaction);
        return answers.edits.length + answers.others.length === 0;
      });
      if (waiting.length > 0) throw new Error(`${waiting.length} of ${sent.length} interactions have no final answer yet`);
    },
    { timeout: timeoutMs, interval: 100 },
  );
  await new Promise((resolve) => setTimeout(resolve, quietMs));
}

/** What a final edit is: the LLM's summary, the extractive fallback with the note that says so, or something else. */
export function summaryKind(body: unknown): 'llm' | 'fallback' | 'other' {
  const embed = (body as AnswerBody | undefined)?.embeds?.[0];
  if (!embed?.description?.startsWith('• ')) return 'other';
  const notes = embed.fields?.find((field) => field.name === 'Notes')?.value ?? '';
  if (embed.footer?.text.startsWith('gpt-4o-mini ·') && !notes.includes('LLM unavailable')) return 'llm';
  if (embed.footer?.text.startsWith('offline summary ·') && notes.includes('LLM unavailable — extractive summary')) return 'fallback';
  return 'other';
}
