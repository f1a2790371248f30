// Everything the puzzle database holds about one user, for when that user is deleted.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Deletes the user's submissions, completions (their stars; scores are computed from completions, so every
 * leaderboard follows), board memberships, and the boards they own (with those boards' members).
 */
export async function deleteUserData(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('submissions').where('userId', '=', userId).execute();
  await db.deleteFrom('completions').where('userId', '=', userId).execute();
  await db.deleteFrom('leaderboardMembers').where('userId', '=', userId).execute();
  await db.deleteFrom('leaderboards').where('ownerId', '=', userId).execute();
}
