import { ApplicationCommandOptionType, type APIApplicationCommandStringOption, type ChatInputCommandInteraction } from 'discord.js';
import { UserFacingError } from '../errors.js';

export interface ChoiceOption<V extends string> {
  /** The option as registered with Discord. */
  data: APIApplicationCommandStringOption;
  /** Its value, typed as the declared choices (no `as` casts in commands); null when not given. */
  read(interaction: ChatInputCommandInteraction): V | null;
}

/**
 * A string option with fixed choices, declared once: the registered data and the reader's type
 * both come from `values`. Discord sends only declared values, but a stale registration could
 * send an old one: it is refused.
 */
export function choiceOption<const V extends string>(name: string, description: string, values: readonly V[]): ChoiceOption<V> {
  return {
    data: { type: ApplicationCommandOptionType.String, name, description, choices: values.map((value) => ({ name: value, value })) },
    read(interaction) {
      const given = interaction.options.getString(name);
      if (given === null) return null;
      const value = values.find((candidate) => candidate === given);
      if (value === undefined) throw new UserFacingError('bad_arguments', `${name} must be one of: ${values.join(', ')}.`);
      return value;
    },
  };
}
