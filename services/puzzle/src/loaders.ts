// Per-request DataLoaders: puzzles by id, the caller's stars, solver counts, and each user's stars and
// completions for a year — each a fixed number of SQL statements whatever the list length.
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { findPuzzlesByIds } from './db/puzzles';
import type { CompletionRow, Database, PuzzleRow } from './db/schema';
import { countSolversByPuzzle, countStarsByPuzzle, findCompletionsByUsers } from './db/submissions';

export interface Loaders {
  puzzleById: DataLoader<string, PuzzleRow | null>;
  /** Stars of the request's viewer on each puzzle. */
  viewerStars: DataLoader<string, number>;
  /** Solvers of a part per puzzle; key `${part}:${puzzleId}`. */
  solvers: DataLoader<string, number>;
  /** Completions of a user in a year; key `${year}:${userId}`. */
  completions: DataLoader<string, CompletionRow[]>;
}

const splitKey = (key: string) => {
  const at = key.indexOf(':');
  return [Number(key.slice(0, at)), key.slice(at + 1)] as const;
};

/** Runs `fetch` once per group of keys that share a prefix (a part or a year). */
async function byPrefix<Value>(
  keys: readonly string[],
  fetch: (prefix: number, ids: string[]) => Promise<Map<string, Value>>,
  missing: Value,
) {
  const groups = new Map<number, string[]>();
  for (const key of keys) {
    const [prefix, id] = splitKey(key);
    groups.set(prefix, [...(groups.get(prefix) ?? []), id]);
  }
  const results = new Map<string, Value>();
  for (const [prefix, ids] of groups) {
    for (const [id, value] of await fetch(prefix, [...new Set(ids)])) results.set(`${prefix}:${id}`, value);
  }
  return keys.map((key) => results.get(key) ?? missing);
}

export function createLoaders(db: Kysely<Database>, viewerId: string | null): Loaders {
  return {
    puzzleById: new DataLoader(async (ids) => {
      const byId = new Map((await findPuzzlesByIds(db, ids)).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    viewerStars: new DataLoader(async (puzzleIds) => {
      const stars = viewerId ? await countStarsByPuzzle(db, viewerId, puzzleIds) : new Map<string, number>();
      return puzzleIds.map((id) => stars.get(id) ?? 0);
    }),
    solvers: new DataLoader((keys) => byPrefix(keys, (part, ids) => countSolversByPuzzle(db, part, ids), 0)),
    completions: new DataLoader((keys) =>
      byPrefix(
        keys,
        async (year, userIds) => {
          const byUser = new Map<string, CompletionRow[]>();
          for (const row of await findCompletionsByUsers(db, year, userIds))
            byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
          return byUser;
        },
        [] as CompletionRow[],
      ),
    ),
  };
}
