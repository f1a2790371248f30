// The users service's scheduled jobs, run by @supergraph/jobs once per occurrence across all replicas.
import type { Kysely } from 'kysely';
import type { ScheduledJob } from '@supergraph/jobs';
import type { Logger } from '@supergraph/subgraph';
import { deleteAuthorityChangesBefore } from './db/authority-changes';
import { deleteExpiredLoginThrottles } from './db/login-throttle';
import { deleteDeadRefreshTokens, deleteEmptyRefreshTokenFamilies } from './db/refresh-tokens';
import type { Database } from './db/schema';

/** How long an expired or revoked token is kept before it is deleted (rotated tokens stay until they expire). */
const DEAD_TOKEN_GRACE_MS = 24 * 60 * 60 * 1000;

export function usersJobs(db: Kysely<Database>, logger: Logger): ScheduledJob[] {
  return [
    {
      name: 'purge-refresh-tokens',
      cron: '0 3 * * *',
      // Deletes only what is already dead, so a repeated or overlapping run changes nothing more.
      async run() {
        const now = new Date();
        const refreshTokens = await deleteDeadRefreshTokens(db, new Date(now.getTime() - DEAD_TOKEN_GRACE_MS));
        const refreshTokenFamilies = await deleteEmptyRefreshTokenFamilies(
          db,
          new Date(now.getTime() - DEAD_TOKEN_GRACE_MS),
        );
        const loginThrottles = await deleteExpiredLoginThrottles(db, now);
        // The authority feed only matters while an access token issued before a change can be alive.
        const authorityChanges = await deleteAuthorityChangesBefore(db, new Date(now.getTime() - DEAD_TOKEN_GRACE_MS));
        logger.info(
          { refreshTokens, refreshTokenFamilies, loginThrottles, authorityChanges },
          'purged dead refresh tokens, expired login throttles and old authority changes',
        );
      },
    },
  ];
}
