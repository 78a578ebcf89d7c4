import type { APIEmbed } from 'discord.js';
import { z } from 'zod';
import type { DigestRenderer } from '../../digest/digest.js';
import { pingedRoleOf, pingParts, renderDigestMessages, type DigestMessage } from './digest-messages.js';
import { feedNoticeText } from './feed-notice.js';

/**
 * A digest message read back from its run record. Its embeds and nonce are what was rendered; the
 * rest is the same for every part, so a record that lacks it still resends the same message. Its
 * mentions are built again from its text: a header's ping allows that one role, anything else none.
 */
const storedDigestMessage: z.ZodType<DigestMessage> = z
  .object({ embeds: z.array(z.looseObject({})), nonce: z.string(), content: z.string().optional() })
  .transform(({ embeds, nonce, content }) => ({ embeds: embeds as APIEmbed[], nonce, enforceNonce: true as const, ...pingParts(pingedRoleOf(content)) }));

/** How digests and feed notices look in Discord: what the composition root hands the digest service. */
export const discordDigestRenderer: DigestRenderer<DigestMessage> = {
  parts: renderDigestMessages,
  notice: feedNoticeText,
  partSchema: storedDigestMessage,
};
