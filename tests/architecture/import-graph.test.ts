import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of docs/ARCHITECTURE.md, checked on every `npm test`: our files import one
 * another without cycles (type-only imports included, since they tie files together just as
 * much), and domain code never reaches for Discord.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['src', 'commands'];
const DOMAIN_DIRS = ['src/article', 'src/text', 'src/http', 'src/summarize', 'src/quotes', 'src/verify', 'src/llm', 'src/cache', 'src/digest', 'src/metrics', 'src/redis'];
/** Folders whose `index.ts` is their public surface: code outside them imports nothing else inside. */
const SURFACED_DIRS = ['src/text', 'src/quotes', 'src/verify', 'src/summarize'];

function listSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listSources(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface ImportGraph {
  /** Our files (relative to the root) → our files they import. */
  edges: Map<string, string[]>;
  /** Our files → the packages they import. */
  packages: Map<string, string[]>;
}

function readGraph(): ImportGraph {
  const files = SOURCE_DIRS.flatMap((dir) => listSources(join(ROOT, dir)));
  const edges = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const from = relative(ROOT, file);
    edges.set(from, []);
    packages.set(from, []);
    for (const { fileName } of importedFiles) {
      if (fileName.startsWith('.')) {
        const target = relative(ROOT, resolve(dirname(file), fileName.replace(/\.js$/, '.ts')));
        edges.get(from)?.push(target);
      } else {
        packages.get(from)?.push(fileName);
      }
    }
  }
  return { edges, packages };
}

/** Each cycle once, as the path that closes it (Tarjan would do; a DFS with colours is enough here). */
function findCycles(edges: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...edges.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('the import graph', () => {
  const graph = readGraph();

  it('reads our files', () => {
    expect(graph.edges.size).toBeGreaterThan(100);
    expect(graph.edges.get('src/main.ts')?.length).toBeGreaterThan(0);
  });

  it('has no cycles among our files', () => {
    expect(findCycles(graph.edges).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('keeps domain code free of Discord', () => {
    const offenders = [...graph.edges.keys()]
      .filter((file) => DOMAIN_DIRS.some((dir) => file.startsWith(`${dir}/`)))
      .flatMap((file) => [
        ...(graph.packages.get(file) ?? []).filter((name) => name === 'discord.js' || name.startsWith('@discordjs/')).map((name) => `${file} → ${name}`),
        ...(graph.edges.get(file) ?? []).filter((target) => target.startsWith('src/discord/') || target.startsWith('commands/')).map((target) => `${file} → ${target}`),
      ]);
    expect(offenders).toEqual([]);
  });

  it('reaches the text, quote, verification and summary folders only through their index.ts', () => {
    const offenders = [...graph.edges.entries()].flatMap(([file, targets]) =>
      targets
        .filter((target) => SURFACED_DIRS.some((dir) => target.startsWith(`${dir}/`) && !file.startsWith(`${dir}/`) && target !== `${dir}/index.ts`))
        .map((target) => `${file} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const edges = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(findCycles(edges)).toEqual([['a', 'b', 'c', 'a']]);
  });
});
