// The puzzle service's scheduled work.
import type { Kysely } from 'kysely';
import type { ScheduledJob } from '@supergraph/jobs';
import type { Logger } from '@supergraph/subgraph';
import type { Database } from './db/schema';
import { recordDueUnlocks } from './db/unlock-events';

/** Records each puzzle's unlock as an event, once: every minute, idempotent by the event's primary key. */
export function puzzleJobs(db: Kysely<Database>, logger: Logger, now: () => Date = () => new Date()): ScheduledJob[] {
  return [
    {
      name: 'record-puzzle-unlocks',
      cron: '* * * * *',
      async run() {
        const recorded = await recordDueUnlocks(db, now());
        if (recorded) logger.info({ recorded }, 'recorded puzzle unlocks');
      },
    },
  ];
}
