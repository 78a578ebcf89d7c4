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
}

/** Steps a run passes, in order; tests kill the process at each to prove a restart never posts twice. */
export type RunStep = 'claimed' | 'composed' | 'marked' | 'part-sent' | 'part-posted' | 'thread-started' | 'done';
export type StepHook = (step: RunStep, key: string) => void | Promise<void>;

/**
 * Posts whatever of a composed run is not posted yet. The first part goes to the channel; the rest
 * into a thread on it when the channel allows one, else into the channel. The record is saved after
 * every part, and the parts carry fixed nonces, so a run resumed after a crash neither skips nor
 * repeats a part (Discord drops a repeated nonce sent within minutes of the first).
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

async function threadOrChannel<Part>(deps: { channel: DigestChannel<Part>; log: Logger }, record: RunRecord<Part>, messageId: string): Promise<string> {
  try {
    return await deps.channel.startThread(record.channelId, messageId, record.title);
  } catch (error) {
    deps.log.info({ err: error, channelId: record.channelId, key: record.key }, 'no thread for the digest; posting the rest in the channel');
    return record.channelId;
  }
}

