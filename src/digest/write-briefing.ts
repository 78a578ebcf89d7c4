import type { z } from 'zod';
import type { Logger } from '../log.js';
import type { PromptRegistry } from '../llm/prompt-registry.js';
import type { LlmClient } from '../llm/types.js';
import { askWithRepair, cutAtWord, fallbackNote, type digestBriefingSchema } from '../summarize/index.js';
import type { DigestEntry } from './digest.js';

export interface Briefing {
  text: string | null;
  /** Set when the LLM was asked and failed (including a spent budget): the reader is told. */
  note: string | null;
}

/** More than a digest's header can show (2,000 characters): a model may answer a megabyte. */
export const MAX_BRIEFING_CHARS = 2_000;

/** Bullets per story shown to the model: enough to tie stories together, few enough to stay cheap. */
const BULLETS_PER_STORY = 3;

/**
 * The paragraph over a digest: one `digest` prompt call over the stories' titles and bullets, or,
 * with no LLM (or when it fails), an extractive lead line: the top story's first bullet.
 */
export async function writeBriefing(
  deps: { llm: LlmClient | null; prompts: PromptRegistry; log: Logger },
  entries: readonly DigestEntry[],
  guildId: string,
  signal?: AbortSignal,
): Promise<Briefing> {
  if (entries.length === 0) return { text: null, note: null };
  if (!deps.llm) return { text: leadLine(entries), note: null };
  try {
    const { data } = await askWithRepair<z.infer<typeof digestBriefingSchema>>(deps.llm, deps.prompts.get('digest'), {
      variables: { stories: storiesBlock(entries), language: digestLanguage(entries) },
      guildId,
      signal,
    });
    return { text: cutAtWord(data.briefing.trim(), MAX_BRIEFING_CHARS) || leadLine(entries), note: null };
  } catch (error) {
    if (signal?.aborted) throw error;
    deps.log.warn({ err: error, guildId }, 'digest briefing failed; using the lead line');
    return { text: leadLine(entries), note: fallbackNote(error) };
  }
}

function storiesBlock(entries: readonly DigestEntry[]): string {
  return entries
    .map(({ story, summary }, index) => {
      const bullets = summary?.result.bullets.slice(0, BULLETS_PER_STORY).map((bullet) => `- ${bullet}`) ?? [];
      return [`${index + 1}. ${story.title}`, ...bullets].join('\n');
    })
    .join('\n\n');
}

/** The language most stories were summarised in; English when none says. */
function digestLanguage(entries: readonly DigestEntry[]): string {
  const counts = new Map<string, number>();
  for (const { summary } of entries) {
    const language = summary?.result.language;
    if (language && language !== 'und') counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (!top) return 'English';
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(top[0]) ?? top[0];
  } catch {
    return top[0];
  }
}

function leadLine(entries: readonly DigestEntry[]): string | null {
  for (const { summary } of entries) {
    const first = summary?.result.bullets.find((bullet) => bullet.trim());
    if (first) return first.trim();
  }
  return null;
}
