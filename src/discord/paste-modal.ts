import { TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import { checkPastedText } from './article-from-input.js';
import type { ComponentInteraction } from './command-module.js';

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

/** A paste box's check before the defer: the pasted text must have a word in it. */
export function checkPastedModal(interaction: ComponentInteraction): void {
  if (interaction.isModalSubmit()) checkPastedText(interaction.fields.getTextInputValue(PASTE_FIELD_ID));
}
