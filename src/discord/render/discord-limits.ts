import { ButtonStyle, ComponentType, embedLength, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed } from 'discord.js';

/*
 * Discord's message limits (CONTRACTS §4). Lengths are JavaScript string lengths (UTF-16 code
 * units), which are never fewer than the characters Discord counts, so text measured here is safe.
 */

export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_FIELDS_MAX = 25;
export const EMBED_FIELD_NAME_MAX = 256;
export const EMBED_FIELD_VALUE_MAX = 1024;
export const EMBED_FOOTER_TEXT_MAX = 2048;
export const EMBED_AUTHOR_NAME_MAX = 256;
/** Title, description, field names and values, footer text and author name, summed over every embed of a message. */
export const EMBED_TOTAL_MAX = 6000;
export const EMBEDS_PER_MESSAGE_MAX = 10;
export const MESSAGE_CONTENT_MAX = 2000;
export const CUSTOM_ID_MAX = 100;
export const ACTION_ROWS_MAX = 5;
export const BUTTONS_PER_ROW_MAX = 5;
export const BUTTON_LABEL_MAX = 80;
/** A link button's url. */
export const BUTTON_URL_MAX = 512;

/** The parts of a message this module checks; a renderer's payload, or anything passed to `reply`/`editReply`. */
export interface MessagePayload {
  content?: string | null;
  embeds?: readonly APIEmbed[];
  components?: readonly APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** The characters Discord counts towards EMBED_TOTAL_MAX across every embed of a message (discord.js's `embedLength` for one). */
export function measureEmbeds(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
}

/** Thrown by assertWithinLimits; `limit` is the name of the constant that was broken. */
export class DiscordLimitError extends Error {
  override readonly name = 'DiscordLimitError';
  constructor(
    readonly limit: string,
    readonly where: string,
    readonly actual: number,
    readonly allowed: number,
  ) {
    super(`${where} is ${actual}, over Discord's limit ${limit} = ${allowed}`);
  }
}

/**
 * Throws a DiscordLimitError naming the first limit the payload breaks: lengths, counts, custom ids,
 * link buttons, and the non-empty field names and values Discord requires.
 */
export function assertWithinLimits(payload: MessagePayload): void {
  check('MESSAGE_CONTENT_MAX', 'content length', payload.content?.length ?? 0, MESSAGE_CONTENT_MAX);
  const embeds = payload.embeds ?? [];
  check('EMBEDS_PER_MESSAGE_MAX', 'embed count', embeds.length, EMBEDS_PER_MESSAGE_MAX);
  embeds.forEach((embed, index) => {
    const at = `embeds[${index}]`;
    check('EMBED_TITLE_MAX', `${at}.title length`, embed.title?.length ?? 0, EMBED_TITLE_MAX);
    check('EMBED_DESCRIPTION_MAX', `${at}.description length`, embed.description?.length ?? 0, EMBED_DESCRIPTION_MAX);
    check('EMBED_FOOTER_TEXT_MAX', `${at}.footer.text length`, embed.footer?.text.length ?? 0, EMBED_FOOTER_TEXT_MAX);
    check('EMBED_AUTHOR_NAME_MAX', `${at}.author.name length`, embed.author?.name.length ?? 0, EMBED_AUTHOR_NAME_MAX);
    const fields = embed.fields ?? [];
    check('EMBED_FIELDS_MAX', `${at} field count`, fields.length, EMBED_FIELDS_MAX);
    fields.forEach((field, fieldIndex) => {
      const fieldAt = `${at}.fields[${fieldIndex}]`;
      check('EMBED_FIELD_NAME_MAX', `${fieldAt}.name length`, field.name.length, EMBED_FIELD_NAME_MAX);
      check('EMBED_FIELD_VALUE_MAX', `${fieldAt}.value length`, field.value.length, EMBED_FIELD_VALUE_MAX);
      if (!field.name.trim() || !field.value.trim()) throw new Error(`${fieldAt} has an empty name or value, which Discord rejects`);
    });
  });
  check('EMBED_TOTAL_MAX', 'the characters of all embeds', measureEmbeds(embeds), EMBED_TOTAL_MAX);

  const rows = payload.components ?? [];
  check('ACTION_ROWS_MAX', 'action row count', rows.length, ACTION_ROWS_MAX);
  rows.forEach((row, index) => {
    const at = `components[${index}]`;
    if (row.type !== ComponentType.ActionRow) throw new Error(`${at} is not an action row`);
    check('BUTTONS_PER_ROW_MAX', `${at} component count`, row.components.length, BUTTONS_PER_ROW_MAX);
    row.components.forEach((component, componentIndex) => {
      const componentAt = `${at}.components[${componentIndex}]`;
      if ('custom_id' in component) {
        if (!component.custom_id) throw new Error(`${componentAt} has an empty custom_id`);
        check('CUSTOM_ID_MAX', `${componentAt}.custom_id length`, component.custom_id.length, CUSTOM_ID_MAX);
      }
      if (component.type !== ComponentType.Button) return;
      if ('label' in component) check('BUTTON_LABEL_MAX', `${componentAt}.label length`, component.label?.length ?? 0, BUTTON_LABEL_MAX);
      if (component.style === ButtonStyle.Link) {
        if (!component.url) throw new Error(`${componentAt} is a link button without a url`);
        check('BUTTON_URL_MAX', `${componentAt}.url length`, component.url.length, BUTTON_URL_MAX);
      }
    });
  });
}

function check(limit: string, where: string, actual: number, allowed: number): void {
  if (actual > allowed) throw new DiscordLimitError(limit, where, actual, allowed);
}
