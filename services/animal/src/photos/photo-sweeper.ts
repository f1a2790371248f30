// Deletes the files listed in photo_files_to_delete from the photo store, then their rows: right after a write
// that lists some (the caller awaits it, or a wake-up message after another transaction's commit), and every
// 10 s for whatever a failure or a crash left. Each row is locked while its file is deleted and other replicas
// skip it, so every file is removed once; a store that fails gets the batch back a minute later.
import type { Kysely } from 'kysely';
import type { Logger } from '@supergraph/runtime';
import { deleteExpiredPhotoUploads, forgetPhotoFiles, lockDuePhotoFiles, postponePhotoFiles } from '../db/photos';
import type { Database } from '../db/schema';
import type { PhotoStore } from './photo-store';

const BATCH = 100;
const RETRY_AFTER_SECONDS = 60;
/** Upload grants are kept a day past their expiry (a late PUT then hears "expired", not "unknown"). */
const KEEP_EXPIRED_UPLOADS_MS = 24 * 60 * 60 * 1000;

export interface PhotoSweeper {
  /** Deletes every file due now; resolves once done. Never rejects: a failure is logged and retried later. */
  sweep(): Promise<void>;
  /** Starts the periodic sweep, and sweeps whenever `wakeUps` yields. */
  start(wakeUps?: AsyncIterableIterator<unknown>): void;
  /** Stops both and waits for a sweep under way. */
  stop(): Promise<void>;
}

export function createPhotoSweeper(options: {
  db: Kysely<Database>;
  store: PhotoStore;
  logger: Logger;
  now: () => Date;
  intervalMs?: number;
}): PhotoSweeper {
  const { db, store, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let wakeUps: AsyncIterableIterator<unknown> | undefined;
  let stopped = false;
  // Sweeps run one after another; a sweep asked for while one runs is one more run after it (which sees what
  // committed meanwhile), shared by everyone who asks before it starts.
  let last: Promise<void> = Promise.resolve();
  let next: Promise<void> | undefined;

  async function deleteDueFiles(): Promise<void> {
    for (;;) {
      const done = await db.transaction().execute(async (trx) => {
        const keys = await lockDuePhotoFiles(trx, BATCH);
        if (!keys.length) return true;
        try {
          await store.delete(keys);
        } catch (error) {
          logger.warn({ err: error, keys: keys.length }, 'photos: could not delete files; retrying later');
          await postponePhotoFiles(trx, keys, RETRY_AFTER_SECONDS);
          return false;
        }
        await forgetPhotoFiles(trx, keys);
        return keys.length < BATCH;
      });
      if (done) return;
    }
  }

  async function sweepOnce(): Promise<void> {
    try {
      await deleteDueFiles();
    } catch (error) {
      logger.error({ err: error }, 'photos: the sweep of deleted photos failed; retrying later');
    }
  }

  function sweep(): Promise<void> {
    if (stopped) return last;
    if (!next) {
      next = last.then(() => {
        next = undefined;
        return sweepOnce();
      });
      last = next;
    }
    return next;
  }

  async function purgeExpiredUploads(): Promise<void> {
    try {
      await deleteExpiredPhotoUploads(db, new Date(options.now().getTime() - KEEP_EXPIRED_UPLOADS_MS));
    } catch (error) {
      logger.error({ err: error }, 'photos: could not purge expired upload grants');
    }
  }

  function periodic(): void {
    if (stopped) return;
    void sweep();
    last = last.then(purgeExpiredUploads);
  }

  return {
    sweep,
    start(wakeUpsToFollow) {
      if (stopped || timer) return;
      timer = setInterval(periodic, options.intervalMs ?? 10_000);
      // Not a reason for the process to stay up.
      timer.unref();
      periodic();
      wakeUps = wakeUpsToFollow;
      if (wakeUps) {
        const follow = async (iterator: AsyncIterableIterator<unknown>) => {
          for await (const _ of iterator) void sweep();
        };
        follow(wakeUps).catch((error: unknown) => logger.warn({ err: error }, 'photos: sweeper wake-ups ended'));
      }
    },
    async stop() {
      if (stopped) return last;
      stopped = true;
      clearInterval(timer);
      await wakeUps?.return?.();
      await last;
    },
  };
}
