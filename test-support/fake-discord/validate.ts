/**
 * The limits real Discord enforces with a 400 "Invalid Form Body", so a bot that breaks one fails
 * here the way it would in production. Each function returns the problems found (empty = valid).
 */

export interface Problem {
  path: string;
  code: string;
  message: string;
}

type Body = Record<string, unknown>;

function tooLong(path: string, value: unknown, max: number, problems: Problem[]): void {
  const length = typeof value === 'string' || Array.isArray(value) ? value.length : 0;
  if (length > max) problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
}

function required(path: string, value: unknown, problems: Problem[]): void {
  if (value === undefined || value === null || value === '') problems.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
}

const asList = (value: unknown): Body[] => (Array.isArray(value) ? (value as Body[]) : []);
const asBody = (value: unknown): Body => (value && typeof value === 'object' ? (value as Body) : {});

/** A message body for create or edit: content, embeds, components, nonce. */
export function messageProblems(body: Body): Problem[] {
  const problems: Problem[] = [];
  tooLong('content', body.content, 2000, problems);
  if (body.nonce !== undefined && typeof body.nonce === 'string') tooLong('nonce', body.nonce, 25, problems);
  const embeds = asList(body.embeds);
  tooLong('embeds', embeds, 10, problems);
  let total = 0;
  embeds.forEach((embed, index) => {
    const at = `embeds.${index}`;
    const text = (value: unknown) => (typeof value === 'string' ? value.length : 0);
    tooLong(`${at}.title`, embed.title, 256, problems);
    tooLong(`${at}.description`, embed.description, 4096, problems);
    tooLong(`${at}.footer.text`, asBody(embed.footer).text, 2048, problems);
    tooLong(`${at}.author.name`, asBody(embed.author).name, 256, problems);
    const fields = asList(embed.fields);
    tooLong(`${at}.fields`, fields, 25, problems);
    fields.forEach((field, fieldIndex) => {
      required(`${at}.fields.${fieldIndex}.name`, field.name, problems);
      required(`${at}.fields.${fieldIndex}.value`, field.value, problems);
      tooLong(`${at}.fields.${fieldIndex}.name`, field.name, 256, problems);
      tooLong(`${at}.fields.${fieldIndex}.value`, field.value, 1024, problems);
      total += text(field.name) + text(field.value);
    });
    total += text(embed.title) + text(embed.description) + text(asBody(embed.footer).text) + text(asBody(embed.author).name);
    for (const key of ['url', 'image', 'thumbnail']) {
      const url = key === 'url' ? embed.url : asBody(embed[key]).url;
      if (typeof url === 'string' && !/^(https?|attachment):\/\//.test(url)) {
        problems.push({ path: key === 'url' ? `${at}.url` : `${at}.${key}.url`, code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' });
      }
    }
  });
  if (total > 6000) problems.push({ path: 'embeds', code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
  componentProblems(body.components, 'components', problems);
  return problems;
}

function componentProblems(value: unknown, path: string, problems: Problem[]): void {
  const rows = asList(value);
  const seen = new Set<string>();
  rows.forEach((row, rowIndex) => {
    const children = row.type === 1 ? asList(row.components) : [];
    tooLong(`${path}.${rowIndex}.components`, children, 5, problems);
    children.forEach((component, index) => {
      const at = `${path}.${rowIndex}.components.${index}`;
      const customId = component.custom_id;
      if (component.type === 2) {
        tooLong(`${at}.label`, component.label, 80, problems);
        if (component.style === 5) required(`${at}.url`, component.url, problems);
        else required(`${at}.custom_id`, customId, problems);
      }
      tooLong(`${at}.custom_id`, customId, 100, problems);
      if (typeof customId === 'string') {
        if (seen.has(customId)) problems.push({ path: `${at}.custom_id`, code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
        seen.add(customId);
      }
    });
  });
}

/** Type 8: at most 25 choices, names 1–100, string values at most 100. */
export function autocompleteProblems(data: Body): Problem[] {
  const problems: Problem[] = [];
  const choices = asList(data.choices);
  tooLong('data.choices', choices, 25, problems);
  choices.forEach((choice, index) => {
    required(`data.choices.${index}.name`, choice.name, problems);
    tooLong(`data.choices.${index}.name`, choice.name, 100, problems);
    tooLong(`data.choices.${index}.value`, choice.value, 100, problems);
  });
  return problems;
}

/** Type 9: a title of 1–45, a custom_id, text inputs in action rows or labels. */
export function modalProblems(data: Body): Problem[] {
  const problems: Problem[] = [];
  required('data.title', data.title, problems);
  tooLong('data.title', data.title, 45, problems);
  required('data.custom_id', data.custom_id, problems);
  tooLong('data.custom_id', data.custom_id, 100, problems);
  const components = asList(data.components);
  if (components.length === 0) required('data.components', undefined, problems);
  tooLong('data.components', components, 5, problems);
  components.forEach((component, index) => {
    const at = `data.components.${index}`;
    if (component.type === 18) {
      required(`${at}.label`, component.label, problems);
      tooLong(`${at}.label`, component.label, 45, problems);
      tooLong(`${at}.description`, component.description, 100, problems);
    }
    const inputs = component.type === 1 ? asList(component.components) : component.type === 18 ? [asBody(component.component)] : [];
    inputs.forEach((input, inputIndex) => {
      const inputAt = component.type === 1 ? `${at}.components.${inputIndex}` : `${at}.component`;
      required(`${inputAt}.custom_id`, input.custom_id, problems);
      tooLong(`${inputAt}.custom_id`, input.custom_id, 100, problems);
      if (component.type === 1) tooLong(`${inputAt}.label`, input.label, 45, problems);
      tooLong(`${inputAt}.value`, input.value, 4000, problems);
      tooLong(`${inputAt}.placeholder`, input.placeholder, 100, problems);
      for (const key of ['min_length', 'max_length']) {
        if (typeof input[key] === 'number' && (input[key] as number) > 4000) {
          problems.push({ path: `${inputAt}.${key}`, code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 4000.' });
        }
      }
    });
  });
  return problems;
}

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Application command bodies: names, descriptions, options, required-before-optional. */
export function commandProblems(commands: Body[]): Problem[] {
  const problems: Problem[] = [];
  const names = new Set<string>();
  commands.forEach((command, index) => {
    const type = typeof command.type === 'number' ? command.type : 1;
    const at = String(index);
    const name = typeof command.name === 'string' ? command.name : '';
    const key = `${type}:${name}`;
    if (names.has(key)) problems.push({ path: `${at}.name`, code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: `Application command names must be unique` });
    names.add(key);
    if (type === 1) {
      if (!COMMAND_NAME.test(name) || name !== name.toLowerCase()) {
        problems.push({ path: `${at}.name`, code: 'APPLICATION_COMMAND_INVALID_NAME', message: `Command name is invalid` });
      }
      required(`${at}.description`, command.description, problems);
      tooLong(`${at}.description`, command.description, 100, problems);
      optionProblems(asList(command.options), `${at}.options`, problems);
    } else {
      if (name.length < 1 || name.length > 32) problems.push({ path: `${at}.name`, code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 32 in length.' });
      if (typeof command.description === 'string' && command.description !== '') {
        problems.push({ path: `${at}.description`, code: 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', message: 'Context menu commands cannot have description' });
      }
      if (asList(command.options).length > 0) {
        problems.push({ path: `${at}.options`, code: 'APPLICATION_COMMAND_OPTIONS_INVALID', message: 'Context menu commands cannot have options' });
      }
    }
  });
  return problems;
}

function optionProblems(options: Body[], path: string, problems: Problem[]): void {
  tooLong(path, options, 25, problems);
  let optionalSeen = false;
  const names = new Set<string>();
  options.forEach((option, index) => {
    const at = `${path}.${index}`;
    const name = typeof option.name === 'string' ? option.name : '';
    if (!COMMAND_NAME.test(name) || name !== name.toLowerCase()) {
      problems.push({ path: `${at}.name`, code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
    }
    if (names.has(name)) problems.push({ path: `${at}.name`, code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', message: 'Option names must be unique' });
    names.add(name);
    required(`${at}.description`, option.description, problems);
    tooLong(`${at}.description`, option.description, 100, problems);
    tooLong(`${at}.choices`, option.choices, 25, problems);
    if (option.autocomplete === true && asList(option.choices).length > 0) {
      problems.push({ path: `${at}.autocomplete`, code: 'AUTOCOMPLETE_AND_CHOICES_ERROR', message: 'Autocomplete cannot be set to true if choices are present' });
    }
    if (option.type === 1 || option.type === 2) {
      optionProblems(asList(option.options), `${at}.options`, problems);
      return;
    }
    if (option.required === true && optionalSeen) {
      const message = 'Required options must be placed before non-required options';
      problems.push({ path: `${at}.required`, code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message });
    }
    if (option.required !== true) optionalSeen = true;
  });
}
