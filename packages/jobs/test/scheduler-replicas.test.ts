// Two scheduler replicas on one database run each occurrence of a job once, and a run that throws is retried.
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { createLogger, type Logger } from '@supergraph/runtime';
import { startPostgres, type TestDatabase } from '@supergraph/testing';
import { createScheduler, type Scheduler } from '../src';

// A job scheduled every minute has to be watched across a minute boundary.
jest.setTimeout(150_000);

let database: TestDatabase;
let pool: pg.Pool;
const schedulers: Scheduler[] = [];

beforeAll(async () => {
  database = await startPostgres('jobs');
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  await pool.query(`
    create table job_runs (
      id serial primary key,
      job text not null,
      replica text not null,
      outcome text not null,
      ran_at timestamptz not null default clock_timestamp()
    )`);
});

afterAll(async () => {
  await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
  await pool?.end();
  await database?.drop();
});

interface Run {
  replica: string;
  outcome: string;
  minute: Date;
}

async function record(job: string, replica: string, outcome: string): Promise<void> {
  await pool.query('insert into job_runs (job, replica, outcome) values ($1, $2, $3)', [job, replica, outcome]);
}

async function runsOf(job: string): Promise<Run[]> {
  const { rows } = await pool.query<Run>(
    `select replica, outcome, date_trunc('minute', ran_at) as minute from job_runs where job = $1 order by id`,
    [job],
  );
  return rows;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 100_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function silentLogger(): Logger {
  return createLogger('jobs-test', 'silent');
}

/** The names of the scheduler instances pg-boss's registry counts as live in `schema`. */
async function liveInstances(schema: string): Promise<string[]> {
  const observer = new PgBoss({
    connectionString: database.url,
    schema,
    supervise: false,
    schedule: false,
    migrate: false,
    registerInstance: false,
  });
  observer.on('error', () => undefined);
  await observer.start();
  try {
    return (await observer.getInstances()).filter((instance) => instance.live).map((instance) => instance.name ?? '');
  } finally {
    await observer.stop();
  }
}

describe('scheduled jobs', () => {
  it('retries a run that throws, logging the failure with its error', async () => {
    const logger = silentLogger();
    const errors = jest.spyOn(logger, 'error');
    const infos = jest.spyOn(logger, 'info');
    const failure = new Error('database went away');
    let calls = 0;
    const scheduler = createScheduler({
      connectionString: database.url,
      schema: 'jobs_retry',
      pollingSeconds: 1,
      logger,
      jobs: [
        {
          name: 'flaky',
          cron: '* * * * *',
          retryDelaySeconds: 1,
          async run() {
            calls += 1;
            if (calls === 1) {
              await record('flaky', 'solo', 'failed');
              throw failure;
            }
            await record('flaky', 'solo', 'succeeded');
          },
        },
      ],
    });
    schedulers.push(scheduler);
    await scheduler.start();

    // The occurrence due at start-up runs at once; its first attempt fails.
    const failedJobId = () => errors.mock.calls.map(([fields]) => (fields as { jobId?: string }).jobId).find(Boolean);
    const finishedJobs = () =>
      infos.mock.calls
        .filter(([, message]) => message === 'scheduled job finished')
        .map(([fields]) => fields as { jobId: string; attempt: number });
    await waitFor('the failed job to be retried', async () =>
      finishedJobs().some(({ jobId }) => jobId === failedJobId()),
    );
    await scheduler.stop();

    expect(errors).toHaveBeenCalledWith(
      expect.objectContaining({ job: 'flaky', attempt: 1, err: failure, willRetry: true }),
      'scheduled job failed; it will be retried',
    );
    // The same pg-boss job ran again, as its second attempt, and succeeded.
    expect(finishedJobs().find(({ jobId }) => jobId === failedJobId())).toMatchObject({ attempt: 2 });
    expect((await runsOf('flaky')).slice(0, 2).map((run) => run.outcome)).toEqual(['failed', 'succeeded']);
  });

  it('runs each occurrence once when two replicas share the database', async () => {
    // Start at least 15 s before a minute boundary, so the run of the occurrence due at start-up and the run
    // of the next minute's occurrence fall in different minutes: each minute's runs are then one occurrence's.
    await waitFor('a start well before a minute boundary', async () => {
      const { rows } = await pool.query<{ second: number }>(
        'select extract(second from clock_timestamp())::float8 as second',
      );
      return rows[0]!.second < 45;
    });
    const loggers = { 'replica-a': silentLogger(), 'replica-b': silentLogger() };
    const errors = Object.values(loggers).map((logger) => jest.spyOn(logger, 'error'));
    const replicas = Object.entries(loggers).map(([name, logger]) =>
      createScheduler({
        connectionString: database.url,
        name,
        pollingSeconds: 1,
        logger,
        jobs: [{ name: 'tick', cron: '* * * * *', run: () => record('tick', name, 'succeeded') }],
      }),
    );
    schedulers.push(...replicas);
    await Promise.all(replicas.map((replica) => replica.start()));

    // The occurrence due at start-up, then the next minute's.
    await waitFor(
      'runs in two different minutes',
      async () => new Set((await runsOf('tick')).map((run) => run.minute.getTime())).size >= 2,
    );
    expect((await liveInstances('pgboss')).sort()).toEqual(['replica-a', 'replica-b']);
    // Room for a duplicate run of the latest occurrence to show up, were there going to be one.
    await sleep(5_000);

    const runs = await runsOf('tick');
    const runsPerMinute = new Map<number, number>();
    for (const run of runs) runsPerMinute.set(run.minute.getTime(), (runsPerMinute.get(run.minute.getTime()) ?? 0) + 1);
    expect(runsPerMinute.size).toBeGreaterThanOrEqual(2);
    expect([...runsPerMinute.values()]).toEqual([...runsPerMinute.values()].map(() => 1));
    for (const spy of errors) expect(spy).not.toHaveBeenCalled();
  });
});
