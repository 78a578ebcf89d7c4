import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const pairSchema = z.object({ id: z.string(), article: z.string(), reference: z.string() });

export type SummaryPair = z.infer<typeof pairSchema>;

/** Reads `pairs.jsonl`; a folder stands for the `pairs.jsonl` inside it (CONTRACTS §3 names the folder). */
export async function loadSummaryPairs(dataPath: string): Promise<SummaryPair[]> {
  const file = (await stat(dataPath)).isDirectory() ? path.join(dataPath, 'pairs.jsonl') : dataPath;
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim().length > 0);
  return lines.map((line, index) => {
    const parsed = pairSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.message}`);
    return parsed.data;
  });
}
