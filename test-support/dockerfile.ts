/** A Dockerfile read into its stages, for tests that check the image and replay its steps without a container engine. */
export interface DockerInstruction {
  keyword: string;
  /** The arguments as written, line continuations joined. */
  args: string;
}

export interface DockerStage {
  /** The `AS` name, or the stage's index as a string. */
  name: string;
  /** The image or earlier stage it starts from. */
  from: string;
  instructions: DockerInstruction[];
}

export function parseDockerfile(text: string): DockerStage[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  const stages: DockerStage[] = [];
  for (const rawLine of joined.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const [, keyword = '', args = ''] = line.match(/^(\S+)\s*(.*)$/) ?? [];
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const [, image = '', name] = args.match(/^(\S+)(?:\s+AS\s+(\S+))?/i) ?? [];
      stages.push({ name: name ?? String(stages.length), from: image, instructions: [] });
    } else if (upper !== 'ARG' || stages.length > 0) {
      stages.at(-1)?.instructions.push({ keyword: upper, args: args.trim() });
    }
  }
  return stages;
}

/** An exec-form (`["node", "x"]`) or shell-form argument list, as the words it runs. */
export function commandWords(args: string): string[] {
  const exec = args.match(/^\[.*\]$/s);
  if (exec) return JSON.parse(args) as string[];
  return args.split(/\s+/).filter(Boolean);
}
