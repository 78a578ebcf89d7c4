import { DiscordAPIError, RESTJSONErrorCodes, Routes, type Client, type RESTPostAPIChannelMessageResult } from 'discord.js';
import type { DigestService } from '../digest/digest-service.js';
import type { DigestChannel } from '../digest/post-run.js';
import type { RunOutcome } from '../digest/run-digest.js';
import { createForumPosts } from './forum-posts.js';
import { digestMessageBody, type DigestMessage } from './render/digest-messages.js';
import { NO_MENTIONS } from './render/neutralise-mentions.js';

/** The digest's ports as the bot (and its tests) use them: each part is a Discord message. */
export type DiscordDigestChannel = DigestChannel<DigestMessage>;
export type DiscordDigestService = DigestService<DigestMessage>;
export type DiscordRunOutcome = RunOutcome<DigestMessage>;

/** Discord keeps a thread's name to 100 characters. */
const THREAD_NAME_MAX = 100;
/** A day without messages archives the thread; a digest is read the same day. */
const THREAD_ARCHIVE_MINUTES = 1440;

/**
 * Digests and feed notices through discord.js's REST client: plain routes, so posting needs no
 * channel cache and works for a channel the gateway has not sent yet. In a forum each digest is a
 * post of its own (forum-posts.ts).
 */
export function createDigestChannel(client: Client): DiscordDigestChannel {
  const forums = createForumPosts(client);
  return {
    async send(channelId, message) {
      const posted = (await client.rest.post(Routes.channelMessages(channelId), {
        body: { ...digestMessageBody(message), nonce: message.nonce, enforce_nonce: true },
      })) as RESTPostAPIChannelMessageResult;
      return posted.id;
    },
    async startThread(channelId, messageId, name) {
      try {
        const thread = (await client.rest.post(Routes.threads(channelId, messageId), {
          body: { name: name.slice(0, THREAD_NAME_MAX), auto_archive_duration: THREAD_ARCHIVE_MINUTES },
        })) as { id: string };
        return thread.id;
      } catch (error) {
        // A run resumed after a crash may find its thread made; a message's thread shares the message's id.
        if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage) return messageId;
        throw error;
      }
    },
    async notice(channelId, content) {
      // A forum takes no messages: there a notice is a post of its own.
      if (await forums.postNotice(channelId, content)) return;
      await client.rest.post(Routes.channelMessages(channelId), { body: { content, allowed_mentions: NO_MENTIONS } });
    },
    forums,
  };
}
