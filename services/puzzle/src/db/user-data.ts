// Everything the puzzle database holds about one user, for when that user is deleted.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Deletes the user's submissions, completions (their stars; scores are computed from completions, so every
 * leaderboard follows), board memberships, and the boards they own (with those boards' members). Returns the
 * ids of the boards that changed: those the user sat on, and those deleted with them.
 */
export async function deleteUserData(db: Kysely<Database>, userId: string): Promise<string[]> {
  await db.deleteFrom('submissions').where('userId', '=', userId).execute();
  await db.deleteFrom('completions').where('userId', '=', userId).execute();
  const seats = await db
    .deleteFrom('leaderboardMembers')
    .where('userId', '=', userId)
    .returning('leaderboardId')
    .execute();
  const owned = await db.deleteFrom('leaderboards').where('ownerId', '=', userId).returning('id').execute();
  return [...new Set([...seats.map((seat) => seat.leaderboardId), ...owned.map((board) => board.id)])];
}
