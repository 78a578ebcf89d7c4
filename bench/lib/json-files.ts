import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The eval data is third-party and lives outside the project, so its absence is normal: say so in
 * one line and let the caller exit 0.
 */
export function isDataMissing(benchName: string, dataPath: string): boolean {
  if (existsSync(dataPath)) return false;
  console.log(`${benchName}: no data at ${dataPath}, skipped`);
  return true;
}

export async function readJsonFile(filePath: string): Promise<unknown> {
  return JSON.parse(await readFile(filePath, 'utf8')) as unknown;
}

export async function writeJsonFile(filePath: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true });
  await writeFile(filePath, `${JSON.stringify(value, null, 2)}\n`);
}
