// The counters rate-limiter-flexible keeps in `login_throttle`: failed logins and credential attempts
// (src/login-protection.ts, src/credential-limit.ts).
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** Deletes counters whose window ended before `now` (`expire` is epoch milliseconds); returns how many. */
export async function deleteExpiredLoginThrottles(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('loginThrottle').where('expire', '<', now.getTime()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
