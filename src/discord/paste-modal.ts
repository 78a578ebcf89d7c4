import { TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';

/** The text field's id inside every paste modal. */
export const PASTE_FIELD_ID = 'text';

/** Shown, without deferring, when a command is given no url, text or file: paste the article here (≤ 4000 characters). */
export function pasteModal(customId: string, title: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title,
    components: [
      {
        type: 1,
        components: [{ type: 4, custom_id: PASTE_FIELD_ID, label: 'Article text', style: TextInputStyle.Paragraph, max_length: 4000, required: true }],
      },
    ],
  };
}
