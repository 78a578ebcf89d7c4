import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { findDataBlocks, isInsideDataBlock, neutraliseDelimiters, type DataBlock } from './data-block.js';
import type { ChatMessage } from './types.js';

const frontMatterSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.number().int().min(1),
  temperature: z.number().min(0).max(2),
  max_tokens: z.number().int().min(16).max(32_000),
  output: z.strictObject({ schema: z.string().min(1), description: z.string().min(1) }),
});

export interface PromptTemplate<Schema extends z.ZodType = z.ZodType> {
  id: string;
  version: number;
  /** `summarize@2`: shown in footers and part of the cache key. */
  label: string;
  temperature: number;
  maxTokens: number;
  output: { name: string; description: string; schema: Schema };
  render(variables: Record<string, string | number>): ChatMessage[];
}

export interface PromptRegistry {
  /** The version chosen by PROMPT_VERSIONS, else the newest. */
  get(id: string): PromptTemplate;
  versions(id: string): number[];
}

export class PromptLoadError extends Error {
  override readonly name = 'PromptLoadError';
}

const FILE_NAME = /^v(\d+)\.md$/;
const SECTION = /^# (system|user)\s*$/gm;
const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/**
 * Loads every `prompts/<id>/v<N>.md`. Front matter is zod-checked, the file name must agree with
 * it, and the same id@version twice is an error: a changed prompt must be a new version, or the
 * cache would serve an old prompt's output under the new text.
 */
export async function loadPromptRegistry(options: {
  dir: string;
  schemas: Readonly<Record<string, z.ZodType>>;
  /** PROMPT_VERSIONS, e.g. `summarize=1,quotes=1`. */
  pinned?: string | undefined;
}): Promise<PromptRegistry> {
  const byId = new Map<string, Map<number, PromptTemplate>>();
  for (const folder of await readdir(options.dir, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const file of await readdir(join(options.dir, folder.name))) {
      const match = FILE_NAME.exec(file);
      if (!match) continue;
      const path = join(folder.name, file);
      const template = parsePromptFile(await readFile(join(options.dir, path), 'utf8'), path, options.schemas);
      if (template.id !== folder.name || template.version !== Number(match[1])) {
        throw new PromptLoadError(`${path}: front matter says ${template.label}, but the file's place says ${folder.name}@${Number(match[1])}.`);
      }
      const versions = byId.get(template.id) ?? new Map<number, PromptTemplate>();
      if (versions.has(template.version)) throw new PromptLoadError(`${path}: ${template.label} is defined twice.`);
      versions.set(template.version, template);
      byId.set(template.id, versions);
    }
  }
  const chosen = chooseVersions(byId, options.pinned);
  return {
    get(id) {
      const template = chosen.get(id);
      if (!template) throw new PromptLoadError(`No prompt "${id}" in ${options.dir}.`);
      return template;
    },
    versions: (id) => [...(byId.get(id)?.keys() ?? [])].sort((a, b) => a - b),
  };
}

function chooseVersions(byId: ReadonlyMap<string, ReadonlyMap<number, PromptTemplate>>, pinned: string | undefined) {
  const wanted = new Map<string, number>();
  for (const entry of (pinned ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^([a-z][a-z0-9-]*)=(\d+)$/.exec(entry);
    if (!match?.[1] || !match[2]) throw new PromptLoadError(`PROMPT_VERSIONS: "${entry}" is not id=version.`);
    wanted.set(match[1], Number(match[2]));
  }
  const chosen = new Map<string, PromptTemplate>();
  for (const [id, versions] of byId) {
    const version = wanted.get(id) ?? Math.max(...versions.keys());
    const template = versions.get(version);
    if (!template) throw new PromptLoadError(`PROMPT_VERSIONS asks for ${id}@${version}, which does not exist.`);
    chosen.set(id, template);
  }
  for (const id of wanted.keys()) {
    if (!byId.has(id)) throw new PromptLoadError(`PROMPT_VERSIONS names "${id}", which is not a prompt.`);
  }
  return chosen;
}

export function parsePromptFile(source: string, path: string, schemas: Readonly<Record<string, z.ZodType>>): PromptTemplate {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source.replace(/\r\n/g, '\n'));
  if (!match?.[1] || match[2] === undefined) throw new PromptLoadError(`${path}: no front matter between --- lines.`);
  const parsed = frontMatterSchema.safeParse(parseYaml(match[1]));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new PromptLoadError(`${path}: invalid front matter: ${problems}`);
  }
  const meta = parsed.data;
  const schema = schemas[meta.output.schema];
  if (!schema) throw new PromptLoadError(`${path}: unknown output schema "${meta.output.schema}".`);
  const sections = splitSections(match[2], path);
  checkDataStaysInside(sections, path);
  // Page text must not end the block it sits in, nor fake another of this prompt's blocks.
  const delimiters = [...new Set(sections.flatMap((section) => section.blocks.map((block) => block.name)))];
  return {
    id: meta.id,
    version: meta.version,
    label: `${meta.id}@${meta.version}`,
    temperature: meta.temperature,
    maxTokens: meta.max_tokens,
    output: { name: meta.output.schema, description: meta.output.description, schema },
    render: (variables) =>
      sections.map((section) => ({ role: section.role, content: fill(section, variables, delimiters, `${meta.id}@${meta.version}`) })),
  };
}

interface Section {
  role: 'system' | 'user';
  template: string;
  /** Placeholders inside these are page data: their values are neutralised when filled in. */
  blocks: DataBlock[];
}

function splitSections(body: string, path: string): Section[] {
  const headings = [...body.matchAll(SECTION)];
  if (headings.length === 0) throw new PromptLoadError(`${path}: needs "# system" and "# user" sections.`);
  return headings.map((heading, index) => {
    const start = heading.index + heading[0].length;
    const end = headings[index + 1]?.index ?? body.length;
    const template = body.slice(start, end).trim();
    const scan = findDataBlocks(template);
    if (!scan.ok) throw new PromptLoadError(`${path}: ${scan.problem}`);
    return { role: heading[1] as 'system' | 'user', template, blocks: scan.blocks };
  });
}

/**
 * Being inside a data block is what marks a variable as page data, so the same variable outside a
 * block (a title in the system part, say) would carry page text unneutralised past the fence.
 */
function checkDataStaysInside(sections: readonly Section[], path: string): void {
  const placeholders = sections.flatMap((section) =>
    [...section.template.matchAll(PLACEHOLDER)].map((match) => ({ name: match[1] ?? '', inside: isInsideDataBlock(match.index, section.blocks) })),
  );
  const data = new Set(placeholders.filter((placeholder) => placeholder.inside).map((placeholder) => placeholder.name));
  const leaked = placeholders.find((placeholder) => !placeholder.inside && data.has(placeholder.name));
  if (leaked) throw new PromptLoadError(`${path}: {{${leaked.name}}} is page data inside a data block, so it must not also appear outside one.`);
}

/** A missing variable is a bug in our code, never something to send to the model as "{{x}}". */
function fill(section: Section, variables: Record<string, string | number>, delimiters: readonly string[], label: string): string {
  return section.template.replace(PLACEHOLDER, (_placeholder, name: string, offset: number) => {
    const value = variables[name];
    if (value === undefined) throw new PromptLoadError(`${label}: no value for {{${name}}}.`);
    return isInsideDataBlock(offset, section.blocks) ? neutraliseDelimiters(String(value), delimiters) : String(value);
  });
}
