// Cron jobs over pg-boss. Every replica runs a scheduler on the same Postgres schema; pg-boss claims each
// occurrence in the database, so a scheduled run happens once however many replicas are up.
import { PgBoss, type ConstructorOptions, type Job, type Queue } from 'pg-boss';
import type { Logger } from '@supergraph/runtime';

export interface ScheduledJob {
  /** Queue/schedule name, e.g. 'purge-refresh-tokens'. */
  name: string;
  /** 5-field cron expression, UTC. */
  cron: string;
  /** Idempotent work; a throw is logged and retried by pg-boss. */
  run(): Promise<void>;
  /** Retries after a failed run (default 3). */
  retryLimit?: number;
  /** Delay before the first retry, doubled (with jitter) for each later one (default 30). */
  retryDelaySeconds?: number;
  /**
   * How long a run may take before pg-boss gives up on it and retries it elsewhere (default pg-boss's,
   * 15 minutes). A run past it may still be going, so it can overlap its retry: one more reason to be idempotent.
   */
  timeoutSeconds?: number;
}

export interface SchedulerOptions {
  connectionString: string;
  jobs: ScheduledJob[];
  logger: Logger;
  /** Postgres schema for pg-boss's tables (default 'pgboss'). Every replica must use the same one. */
  schema?: string;
  /** How often to check for due schedules and poll for work, in seconds, 1 to 45 (defaults: pg-boss's; tests pass 1). */
  pollingSeconds?: number;
  /** Names this process in pg-boss's instance registry and in pg_stat_activity, e.g. the service's name. */
  name?: string;
  /** pg-boss's own connection pool size (default 4: a poll, a cron pass and a maintenance pass at a time). */
  maxConnections?: number;
  /**
   * How long stop() waits for running jobs (default 10 s). A job still running then is marked failed and
   * retried by another replica, which is safe because jobs are idempotent.
   */
  stopTimeoutSeconds?: number;
}

export interface Scheduler {
  start(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_RETRY_LIMIT = 3;
const DEFAULT_RETRY_DELAY_SECONDS = 30;
const DEFAULT_MAX_CONNECTIONS = 4;
const DEFAULT_STOP_TIMEOUT_SECONDS = 10;

export function createScheduler(options: SchedulerOptions): Scheduler {
  assertOptions(options);
  const { logger } = options;
  let boss: PgBoss | undefined;
  let starting: Promise<void> | undefined;

  async function startBoss(instance: PgBoss): Promise<void> {
    await instance.start();
    for (const job of options.jobs) {
      const queueOptions = retryOptions(job);
      await instance.createQueue(job.name, queueOptions);
      // createQueue leaves an existing queue alone: bring its retry settings in line with this release.
      await instance.updateQueue(job.name, queueOptions);
      // Upserts the schedule row. `missed: 'once'` runs a job once for an occurrence that came due while no
      // replica was up (a deploy, an outage) instead of waiting a whole period for the next one.
      await instance.schedule(job.name, job.cron, null, { tz: 'UTC', missed: 'once' });
      await instance.work(
        job.name,
        {
          batchSize: 1,
          ...(options.pollingSeconds !== undefined && { pollingIntervalSeconds: options.pollingSeconds }),
        },
        async (claimed: Job[]) => {
          for (const claim of claimed) await runJob(job, claim, logger);
        },
      );
    }
    logger.info({ jobs: options.jobs.map(({ name, cron }) => ({ name, cron })) }, 'scheduler started');
  }

  return {
    async start() {
      if (boss) return starting;
      const instance = new PgBoss(constructorOptions(options));
      // Without a listener an 'error' event would throw; pg-boss reports failed passes and polls this way.
      instance.on('error', (error) => logger.error({ err: error }, 'scheduler error'));
      instance.on('warning', (warning) => logger.warn({ warning: warning.data }, warning.message));
      boss = instance;
      starting = startBoss(instance).catch(async (error: unknown) => {
        boss = undefined;
        await instance.stop({ graceful: false }).catch(() => undefined);
        throw error;
      });
      return starting;
    },

    async stop() {
      const instance = boss;
      if (!instance) return;
      await starting?.catch(() => undefined);
      if (boss !== instance) return; // start failed and already stopped it
      boss = undefined;
      starting = undefined;
      // Graceful: stops polling, waits for running jobs up to the timeout, fails what is left (so it is
      // retried), then closes pg-boss's pool. The promise resolves once all of that is done.
      await instance.stop({
        graceful: true,
        timeout: (options.stopTimeoutSeconds ?? DEFAULT_STOP_TIMEOUT_SECONDS) * 1000,
      });
      logger.info('scheduler stopped');
    },
  };
}

async function runJob(job: ScheduledJob, claim: Job, logger: Logger): Promise<void> {
  const retryLimit = job.retryLimit ?? DEFAULT_RETRY_LIMIT;
  const context = { job: job.name, jobId: claim.id, attempt: claim.retryCount + 1 };
  const startedAt = performance.now();
  logger.info(context, 'scheduled job started');
  try {
    await job.run();
  } catch (error) {
    const willRetry = claim.retryCount < retryLimit;
    logger.error(
      { ...context, err: error, willRetry },
      willRetry ? 'scheduled job failed; it will be retried' : 'scheduled job failed; no retries left',
    );
    throw error; // pg-boss marks the attempt failed and schedules the retry
  }
  logger.info({ ...context, durationMs: Math.round(performance.now() - startedAt) }, 'scheduled job finished');
}

function retryOptions(job: ScheduledJob): Omit<Queue, 'name'> {
  return {
    retryLimit: job.retryLimit ?? DEFAULT_RETRY_LIMIT,
    retryDelay: job.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    ...(job.timeoutSeconds !== undefined && { expireInSeconds: job.timeoutSeconds }),
  };
}

function constructorOptions(options: SchedulerOptions): ConstructorOptions {
  // pg-boss checks `'option' in config`, so an option left to its default must be absent, not undefined.
  return {
    connectionString: options.connectionString,
    schema: options.schema ?? 'pgboss',
    max: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    application_name: options.name ? `${options.name}-jobs` : 'pgboss',
    ...(options.name && { instanceName: options.name }),
    ...(options.pollingSeconds !== undefined && {
      // How often an instance tries to claim the cron pass, and how often the pass's occurrences are
      // turned into jobs. Only the claim winner runs a pass, and each occurrence is filed under a
      // singleton slot, so polling faster does not duplicate runs.
      cronMonitorIntervalSeconds: options.pollingSeconds,
      cronWorkerIntervalSeconds: options.pollingSeconds,
    }),
  };
}

function assertOptions({ jobs, pollingSeconds }: SchedulerOptions): void {
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) throw new Error(`Scheduled job "${job.name}" is defined twice`);
    names.add(job.name);
    if (job.cron.trim().split(/\s+/).length !== 5)
      throw new Error(`Scheduled job "${job.name}": cron must have 5 fields, got "${job.cron}"`);
  }
  if (
    pollingSeconds !== undefined &&
    !(Number.isInteger(pollingSeconds) && pollingSeconds >= 1 && pollingSeconds <= 45)
  ) {
    throw new Error(`pollingSeconds must be an integer from 1 to 45, got ${pollingSeconds}`);
  }
}
