import { EXTRACTIVE_ALGORITHM } from './extractive-summarizer.js';
import type { SummaryResult } from './summary-result.js';

/** The words a reader sees when no model wrote the summary. */
export const OFFLINE_SUMMARY = 'offline summary';

export interface EngineDescription {
  /** For readers: the model's name, or "offline summary". */
  name: string;
  /** For operators: the prompt (`summarize@2`) or the extractive algorithm (`extractive@1`). */
  version: string;
}

export function describeEngine(result: Pick<SummaryResult, 'provider' | 'model' | 'prompt'>): EngineDescription {
  if (result.provider === 'openai' && result.model) return { name: result.model, version: result.prompt ?? '' };
  return { name: OFFLINE_SUMMARY, version: EXTRACTIVE_ALGORITHM };
}

/**
 * One footer line for the embed and the terminal: what made the summary in plain words first,
 * the version last where an operator looks for it, e.g.
 * `gpt-4o-mini · cached · 812 → 96 words (−88%) · summarize@2` or `offline summary · 315 → 87 words (−72%) · extractive@1`.
 */
export function summaryFooterLine({ result, stats, cached }: {
  result: Pick<SummaryResult, 'provider' | 'model' | 'prompt'>;
  stats: { wordsIn: number; wordsOut: number; reductionPct: number };
  cached: boolean;
}): string {
  const { name, version } = describeEngine(result);
  return [name, ...(cached ? ['cached'] : []), `${stats.wordsIn} → ${stats.wordsOut} words (−${stats.reductionPct}%)`, ...(version ? [version] : [])].join(' · ');
}
