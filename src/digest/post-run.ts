import type { Logger } from '../log.js';
import type { RunRecord, RunRecords } from './run-records.js';

/** Where digests go: Discord in the bot, a recorder in tests and benchmarks. `Part` is one rendered message (see DigestRenderer). */
export interface DigestChannel<Part> {
  /** Posts one part (its nonce with enforce_nonce, pings off) and returns its message id. */
  send(channelId: string, message: Part): Promise<string>;
  /** Starts a public thread on a posted message and returns its id; throws when the channel does not allow it. */
  startThread(channelId: string, messageId: string, name: string): Promise<string>;
  /** A plain line from the bot (feed failure and recovery notices), pings off. */
  notice(channelId: string, content: string): Promise<void>;
  /** Forum channels, where each run is a new post; without this, no channel is a forum. */
  forums?: ForumPosts<Part>;
}

/** Where a forum's digests go: one new post per run. */
export interface ForumPosts<Part> {
  /** Whether runs in `channelId` open forum posts; asked when a run is composed. */
  isForum(channelId: string): Promise<boolean>;
  /**
   * Opens a post named `name` in the forum with `message` as its starter message (the forum's
   * required tag applied) and returns the post's id, which its starter message shares. `retry`: an
   * earlier attempt may have opened this very post without the run recording it; then that post is
   * found and returned instead of opening a second one.
   */
  openPost(forumId: string, name: string, message: Part, retry: boolean): Promise<string>;
}

/** Steps a run passes, in order; tests kill the process at each to prove a restart never posts twice. */
export type RunStep = 'claimed' | 'composed' | 'marked' | 'part-sent' | 'part-posted' | 'thread-started' | 'done';
export type StepHook = (step: RunStep, key: string) => void | Promise<void>;

/**
 * Posts whatever of a composed run is not posted yet. The first part goes to the channel; the rest
 * into a thread on it when the channel allows one, else into the channel. In a forum the first part
 * opens a new post and the rest go in it. The record is saved after every part, and the parts carry
 * fixed nonces, so a run resumed after a crash neither skips nor repeats a part (Discord drops a
 * repeated nonce sent within minutes of the first; a forum post is found again instead).
 */
export async function postRun<Part>(
  record: RunRecord<Part>,
  deps: { channel: DigestChannel<Part>; records: RunRecords<Part>; log: Logger; onStep?: StepHook | undefined },
): Promise<RunRecord<Part>> {
  let current = record;
  const save = async (next: RunRecord<Part>) => {
    await deps.records.set(next);
    current = next;
  };
  for (const [part, message] of current.messages.entries()) {
    if (current.postedIds[part]) continue;
    if (part === 0 && current.opensPost) {
      await openPost(current, message, { ...deps, save });
      continue;
    }
    if (part > 0 && current.continueIn === null) {
      const first = current.postedIds[0];
      const continueIn = first ? await threadOrChannel(deps, current, first) : current.channelId;
      await save({ ...current, continueIn });
      await deps.onStep?.('thread-started', current.key);
    }
    const target = part === 0 ? current.channelId : (current.continueIn ?? current.channelId);
    const id = await deps.channel.send(target, message);
    // Sent but not yet recorded: a crash here is what the nonce is for.
    await deps.onStep?.('part-sent', current.key);
    const postedIds = [...current.postedIds];
    postedIds[part] = id;
    await save({ ...current, postedIds });
    await deps.onStep?.('part-posted', current.key);
  }
  await save({ ...current, status: 'done' });
  return current;
}

/** The first part of a forum run: a new post, recorded as the first part's id and where the rest go. */
async function openPost<Part>(
  record: RunRecord<Part>,
  message: Part,
  deps: { channel: DigestChannel<Part>; onStep?: StepHook | undefined; save: (next: RunRecord<Part>) => Promise<void> },
): Promise<void> {
  const forums = deps.channel.forums;
  if (!forums) throw new Error(`digest run ${record.key} is for a forum, and this channel port cannot open forum posts`);
  const retry = record.postAttempted === true;
  // Recorded before the request: a crash after Discord opened the post leaves this mark, and the retry looks for the post.
  if (!retry) await deps.save({ ...record, postAttempted: true });
  const postId = await forums.openPost(record.channelId, record.title, message, retry);
  await deps.onStep?.('part-sent', record.key);
  const postedIds = [...record.postedIds];
  postedIds[0] = postId;
  await deps.save({ ...record, postAttempted: true, postedIds, continueIn: postId });
  await deps.onStep?.('part-posted', record.key);
}

async function threadOrChannel<Part>(deps: { channel: DigestChannel<Part>; log: Logger }, record: RunRecord<Part>, messageId: string): Promise<string> {
  try {
    return await deps.channel.startThread(record.channelId, messageId, record.title);
  } catch (error) {
    deps.log.info({ err: error, channelId: record.channelId, key: record.key }, 'no thread for the digest; posting the rest in the channel');
    return record.channelId;
  }
}

