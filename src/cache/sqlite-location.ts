import { access, constants, mkdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';

/** Why a SQLite store cannot live where its URL points; `reason` is a clause for an operator. */
export class StoreLocationError extends Error {
  override readonly name = 'StoreLocationError';
  constructor(
    /** The absolute path of the database file. */
    readonly file: string,
    readonly reason: string,
    options: { cause?: unknown } = {},
  ) {
    super(`${file}: ${reason}`, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

export interface SqliteLocation {
  /** The absolute path SQLite is given, so that the log shows exactly what was opened. */
  file: string;
  /** The first folder that had to be created for it, or null when its folder existed. */
  createdDir: string | null;
}

/**
 * Checks, before SQLite runs, that the database file for `sqlite://PATH` can be opened or created
 * and written, and creates its missing folders (`./data` does not exist on a fresh clone). Each
 * failure says why in words: a path that is a directory, a parent that is a regular file, a
 * read-only file, folder or file system. SQLite alone would only say SQLITE_CANTOPEN, or open a
 * read-only file read-only without a word and fail on the first write.
 */
export async function prepareSqliteFile(file: string): Promise<SqliteLocation> {
  const absolute = path.resolve(file);
  const existing = await statOrNull(absolute);
  if (existing?.isDirectory()) throw new StoreLocationError(absolute, 'it is a directory, not a database file');
  if (existing && !existing.isFile()) throw new StoreLocationError(absolute, 'it is not a regular file');

  const dir = path.dirname(absolute);
  const ancestor = await nearestExisting(dir);
  if (!ancestor.stats.isDirectory()) throw new StoreLocationError(absolute, `${ancestor.path} is a file, not a directory`);
  let createdDir: string | null = null;
  if (ancestor.path !== dir) {
    const denied = await notWritable(ancestor.path);
    if (denied) throw new StoreLocationError(absolute, `the directory ${dir} cannot be created: ${ancestor.path} is ${denied}`);
    try {
      createdDir = (await mkdir(dir, { recursive: true })) ?? null;
    } catch (error) {
      throw new StoreLocationError(absolute, `the directory ${dir} cannot be created: ${(error as Error).message}`, { cause: error });
    }
  }
  if (existing) {
    const denied = await notWritable(absolute);
    if (denied) throw new StoreLocationError(absolute, `the file is ${denied}`);
  }
  // SQLite creates the file, and its -wal and -shm journals, beside it.
  const denied = await notWritable(dir);
  if (denied) throw new StoreLocationError(absolute, `the directory ${dir} is ${denied}`);
  return { file: absolute, createdDir };
}

/** What SQLite's own error codes mean for an operator, for a file that passed the checks above. */
export function describeSqliteError(error: unknown): string | null {
  switch ((error as { code?: unknown } | null)?.code) {
    case 'SQLITE_NOTADB':
      return 'it is not a SQLite database';
    case 'SQLITE_CORRUPT':
      return 'the database is corrupt';
    case 'SQLITE_READONLY':
      return 'the file is read-only';
    case 'SQLITE_CANTOPEN':
      return 'SQLite cannot open it';
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return 'access to it is denied';
    default:
      return null;
  }
}

async function statOrNull(target: string): Promise<Stats | null> {
  try {
    return await stat(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent is a regular file; nearestExisting() names it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new StoreLocationError(target, describeFsError(error), { cause: error });
  }
}

/** `dir` itself, or its closest ancestor that exists (the root always does). */
async function nearestExisting(dir: string): Promise<{ path: string; stats: Stats }> {
  for (let current = dir; ; current = path.dirname(current)) {
    const stats = await statOrNull(current);
    if (stats) return { path: current, stats };
    if (path.dirname(current) === current) throw new StoreLocationError(dir, 'no part of the path exists');
  }
}

/** Null when this process may write `target`, else why not ("read-only (permission denied)"). */
async function notWritable(target: string): Promise<string | null> {
  try {
    await access(target, constants.W_OK);
    return null;
  } catch (error) {
    return describeFsError(error);
  }
}

function describeFsError(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EROFS':
      return 'read-only (a read-only file system)';
    case 'EACCES':
    case 'EPERM':
      return 'read-only (permission denied)';
    default:
      return (error as Error).message;
  }
}
