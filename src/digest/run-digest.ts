import type { Logger } from '../log.js';
import type { PromptRegistry } from '../llm/prompt-registry.js';
import type { LlmClient } from '../llm/types.js';
import { announceHealth } from './announce-health.js';
import { collectCandidates, filteredCounts, passedOverInFeed } from './collect-candidates.js';
import { composeStories, type ComposeDeps } from './compose-digest.js';
import type { Digest, DigestEntry, DigestRenderer } from './digest.js';
import type { FeedStates } from './feed-state.js';
import type { FeedPollDeps } from './poll-feed.js';
import { postRun, type DigestChannel, type StepHook } from './post-run.js';
import type { RunLock } from './run-lock.js';
import type { RunRecord, RunRecords } from './run-records.js';
import type { SeenStories } from './seen-stories.js';
import type { ChannelDigest, Subscriptions } from './subscriptions.js';
import { writeBriefing } from './write-briefing.js';

/** How long one process holds a run: longer than a slow digest, short enough that a dead holder's slot is retried soon. */
const RUN_LOCK_TTL_MS = 15 * 60 * 1000;

export interface DigestRunDeps<Part> extends FeedPollDeps, Omit<ComposeDeps, 'seen'> {
  subscriptions: Subscriptions;
  feedStates: FeedStates;
  records: RunRecords<Part>;
  /** Turns the digest and feed notices into the parts the channel posts. */
  renderer: DigestRenderer<Part>;
  seenFor(channelId: string): SeenStories;
  lock: RunLock;
  llm: LlmClient | null;
  prompts: PromptRegistry;
  log: Logger;
  onStep?: StepHook | undefined;
}

export interface RunRequest {
  digest: ChannelDigest;
  /** The idempotency key (runKey for a slot; a per-interaction key for /digest now). */
  key: string;
  /** The digest's title, also its thread's name. */
  title: string;
  now: Date;
  /** What the digest must include: feeds last read before this are read again (a slot's own minute). */
  freshAsOf: Date;
}

export type RunOutcome<Part> =
  | { outcome: 'posted'; stories: number; record: RunRecord<Part> }
  | { outcome: 'empty' | 'already-posted' | 'locked'; stories: 0 };

/**
 * One digest run, safe to repeat and to crash at any step: take the channel's lock (one run per
 * channel at a time, across processes with Redis, so two runs never pick the same stories); finish
 * a run the record says was composed, or compose afresh; write the record (the exact messages)
 * before marking stories seen and posting; post; record the run in the channel's settings.
 */
export async function runDigest<Part>(deps: DigestRunDeps<Part>, request: RunRequest, channel: DigestChannel<Part>): Promise<RunOutcome<Part>> {
  const release = await deps.lock.acquire(`digest-run:${request.digest.channelId}`, RUN_LOCK_TTL_MS);
  if (!release) return { outcome: 'locked', stories: 0 };
  try {
    await deps.onStep?.('claimed', request.key);
    const existing = await deps.records.get(request.key);
    if (existing?.status === 'done') return { outcome: 'already-posted', stories: 0 };
    const composing = existing ? null : await compose(deps, request, channel);
    const composed = existing ?? composing?.record ?? null;
    // What the filters held back, for /digest list (a resumed run composed earlier and does not know).
    const filtered = composing && Object.keys(composing.filtered).length > 0 ? { filtered: composing.filtered } : {};
    if (!composed) {
      await deps.subscriptions.recordRun(request.digest.channelId, { key: request.key, at: request.now.getTime(), outcome: 'empty', stories: 0, detail: null, ...filtered });
      return { outcome: 'empty', stories: 0 };
    }
    const record = await commitSeen(deps, composed);
    const done = await postRun(record, { channel, records: deps.records, log: deps.log, onStep: deps.onStep });
    await deps.subscriptions.recordRun(request.digest.channelId, { key: request.key, at: request.now.getTime(), outcome: 'posted', stories: done.stories, detail: null, ...filtered });
    await deps.onStep?.('done', request.key);
    deps.log.info({ key: request.key, stories: done.stories, parts: done.messages.length, resumed: Boolean(existing) }, 'digest posted');
    return { outcome: 'posted', stories: done.stories, record: done };
  } finally {
    await release().catch((error: unknown) => deps.log.warn({ err: error, key: request.key }, 'releasing a digest run lock failed'));
  }
}

/**
 * Composes the run and writes its record, with the exact messages and everything it will mark seen.
 * The record is null when nothing is new; then what was looked at is marked seen at once, as
 * nothing can be lost. `filtered`: how many items each feed's filter held back.
 */
async function compose<Part>(
  deps: DigestRunDeps<Part>,
  request: RunRequest,
  channel: DigestChannel<Part>,
): Promise<{ record: RunRecord<Part> | null; filtered: Record<string, number> }> {
  const { digest, key, now } = request;
  const seen = deps.seenFor(digest.channelId);
  const candidates = await collectCandidates({ ...deps, seen }, digest, now, { save: true, freshAsOf: request.freshAsOf });
  await announceHealth(channel, deps.renderer, digest.channelId, candidates.polls, deps.log);
  const stories = await composeStories({ ...deps, seen }, candidates.items, digest);
  const summarized = await summarizeDigest(deps, stories.entries, digest.guildId, request);
  // A forum's digest is a post of its own: the header is its starter message, the stories follow.
  const forum = summarized !== null && ((await channel.forums?.isForum(digest.channelId)) ?? false);
  const messages = summarized ? deps.renderer.parts(forum ? { ...summarized, headerAlone: true } : summarized) : [];
  const pendingSeen = [
    ...candidates.history.map((item) => ({ item, extra: {} })),
    ...stories.seen.map(({ item, extra = {} }) => ({ item, extra })),
    ...candidates.filtered.map((item) => ({ item: passedOverInFeed(item), extra: {} })),
  ];
  const filtered = filteredCounts(candidates.filtered);
  if (candidates.filtered.length > 0) deps.log.info({ key, channelId: digest.channelId, filtered }, 'digest filters held back items');

  if (messages.length === 0) {
    await markSeen(deps, digest.channelId, pendingSeen, candidates.newFeeds);
    return { record: null, filtered };
  }
  const record: RunRecord<Part> = {
    key, channelId: digest.channelId, status: 'composed', title: request.title, stories: stories.entries.length,
    messages, postedIds: messages.map(() => null), continueIn: null, ...(forum ? { opensPost: true } : {}), createdAt: now.getTime(),
    pendingSeen, pendingFeeds: candidates.newFeeds,
  };
  await deps.records.set(record);
  await deps.onStep?.('composed', key);
  return { record, filtered };
}

/** Marks the record's stories seen (again, after a crash: marking is idempotent), then drops the list from the record. */
async function commitSeen<Part>(deps: DigestRunDeps<Part>, record: RunRecord<Part>): Promise<RunRecord<Part>> {
  if (record.pendingSeen.length === 0 && record.pendingFeeds.length === 0) return record;
  await markSeen(deps, record.channelId, record.pendingSeen, record.pendingFeeds);
  const committed = { ...record, pendingSeen: [], pendingFeeds: [] };
  await deps.records.set(committed);
  await deps.onStep?.('marked', record.key);
  return committed;
}

async function markSeen<Part>(deps: DigestRunDeps<Part>, channelId: string, entries: RunRecord<Part>['pendingSeen'], newFeeds: readonly string[]): Promise<void> {
  await deps.seenFor(channelId).markAllSeen(entries);
  for (const feedUrl of newFeeds) {
    const state = await deps.feedStates.get(channelId, feedUrl);
    await deps.feedStates.set(channelId, feedUrl, { ...state, initialised: true });
  }
}

/** The header's one note when no LLM is configured: it stands for every note the summaries carry about the LLM. */
export const OFFLINE_NOTE = 'Offline summaries: no LLM is configured.';

/**
 * The digest over composed stories: the briefing summarising them (one LLM call), the role its
 * header mentions (a posting run's, from `request.digest`), and the notes
 * readers should see. With an LLM, each distinct failure note once (a spent budget, an LLM that
 * failed); without one, the single OFFLINE_NOTE. Null when there are no stories: nothing to post.
 */
export async function summarizeDigest(
  deps: Pick<DigestRunDeps<unknown>, 'llm' | 'prompts' | 'log'>,
  entries: readonly DigestEntry[],
  guildId: string,
  request: Pick<RunRequest, 'key' | 'title'> & { digest?: Pick<ChannelDigest, 'pingRoleId'> },
): Promise<Digest | null> {
  if (entries.length === 0) return null;
  const briefing = await writeBriefing(deps, entries, guildId);
  const notes = new Set(entries.flatMap((entry) => entry.summary?.result.notes ?? []));
  if (briefing.note) notes.add(briefing.note);
  return {
    title: request.title, briefing: briefing.text, entries, runKey: request.key, notes: deps.llm ? [...notes] : [OFFLINE_NOTE],
    // Only a posting run's request carries its digest: a preview mentions no one.
    pingRoleId: request.digest?.pingRoleId ?? null,
  };
}
