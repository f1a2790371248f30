// `npm start`: the whole platform on one machine with nothing but Node. Starts Postgres (embedded, or the
// server in DATABASE_URL), gives each subgraph its own database, starts the subgraphs listed in
// supergraph.yaml and the gateway as separate processes, and stops everything cleanly on Ctrl-C.
import path from 'node:path';
import { readSupergraphConfig } from '@supergraph/composition';
import { DEVELOPMENT_METRICS_PORTS } from '@supergraph/config';
import {
  EmbeddedPostgresError,
  countAppliedMigrations,
  ensureDatabase,
  startEmbeddedPostgres,
  withDatabase,
  type RunningPostgres,
} from '@supergraph/db';
import { loadConfig } from './config';
import { seedDemoPuzzles, seedDemoZoos } from './demo-data';
import { createLogLineFormatter } from './log-format';
import { describeUncleanExit, startProcess, stopProcess, waitUntilReady, type ManagedProcess } from './processes';
import { createProgress } from './progress';

const DEMO_PASSWORD = 'supergraph-demo';

/** A step that failed and has printed its ✖ line already. */
class StepFailed extends Error {}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const subgraphs = readSupergraphConfig(config.SUPERGRAPH_CONFIG);
  const colors = Boolean(process.stdout.isTTY && process.stdout.hasColors());
  const progress = createProgress((line) => console.log(line), colors);
  const formatLine = createLogLineFormatter({ format: config.LOG_FORMAT, colors });
  const processes: ManagedProcess[] = [];
  let postgres: Promise<RunningPostgres> | undefined;
  let stopping = false;

  // On Ctrl-C the terminal signals the whole foreground group: npm, this launcher and the services, which
  // start stopping on their own, but not Postgres (a process group of its own), which goes last.
  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    let announced = false;
    const announce = () => {
      if (!announced) console.log('\nStopping…');
      announced = true;
    };
    if (processes.length) announce();
    let clean = true;
    // The gateway first, then the subgraphs, then their database.
    for (const managed of [...processes].reverse()) {
      const alreadyGone = managed.child.exitCode !== null || managed.child.signalCode !== null;
      const problem = describeUncleanExit(await stopProcess(managed));
      if (problem) clean = false;
      if (!alreadyGone || !problem) progress.stopped(managed.name, problem); // a death on its own was reported
    }
    const server = await postgres?.catch(() => undefined); // one still starting is waited for, then stopped
    if (server) {
      announce();
      await server.stop();
      progress.stopped('Postgres');
    }
    // Exit code 0 after a clean stop: npm stays quiet (a non-zero code or a signal makes it print an error).
    process.exit(clean ? exitCode : 1);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const stopIfItDies = (managed: ManagedProcess) =>
    void managed.exited.then((exit) => {
      if (stopping) return;
      progress.failed(`${managed.name} stopped on its own (${describeUncleanExit(exit) ?? 'exit code 0'}); stopping`);
      void stopAll(1);
    });
  /** Runs one start-up step and prints its line: ✔ with `detail(result)`, or ✖ with the reason. */
  const step = async <T>(label: string, work: () => Promise<T>, detail: (result: T) => string): Promise<T> => {
    const line = progress.step(label);
    try {
      const result = await work();
      if (!stopping) line.done(detail(result));
      return result;
    } catch (error) {
      if (!stopping) line.fail(messageOf(error)); // while stopping, a step cut short is no news
      throw new StepFailed(label, { cause: error });
    }
  };

  try {
    let adminUrl = config.DATABASE_URL;
    if (!adminUrl) {
      const port = config.EMBEDDED_POSTGRES_PORT;
      postgres = startEmbeddedPostgres({
        dataDir: path.join(config.DATA_DIR, 'postgres'),
        port,
        persistent: true,
        ownProcessGroup: true,
      });
      const server = await step(
        'Postgres',
        () => postgres!,
        (started) => `127.0.0.1:${port}, data in ${shortPath(started.dataDir, config.root)}`,
      );
      adminUrl = server.url('postgres');
    }
    const admin = adminUrl;
    const serverAddress = new URL(admin).host;

    // Each service migrates its own database as it starts; counting the applied migrations before and after
    // tells what it did.
    const migrationsBefore = await step(
      'databases',
      async () => {
        const created: string[] = [];
        const applied: Record<string, number> = {};
        for (const subgraph of subgraphs) {
          if (await ensureDatabase(admin, subgraph.name)) created.push(subgraph.name);
          applied[subgraph.name] = await countAppliedMigrations(withDatabase(admin, subgraph.name));
        }
        return { created, applied };
      },
      ({ created }) =>
        `${subgraphs.map((subgraph) => subgraph.name).join(', ')} on ${serverAddress} ` +
        (created.length === 0
          ? '(already there)'
          : `(${created.length === subgraphs.length ? 'all' : created.join(', ')} created)`),
    ).then(({ applied }) => applied);

    // Every service learns where every other one is (e.g. ZOO_SERVICE_URL for the animal service).
    const serviceUrls = Object.fromEntries(
      subgraphs.map((subgraph) => [`${subgraph.name.toUpperCase()}_SERVICE_URL`, subgraph.url]),
    );
    // Each signer (the gateway, zoo, animal) generates its own key into DEV_KEYS_DIR on first start; every
    // subgraph trusts the gateway's published keys, and zoo and animal each other's (found next to their URLs).
    const gatewayUrl = `http://localhost:${config.GATEWAY_PORT}`;
    // Production keys are per signer: GATEWAY_CLAIMS_SIGNING_KEY, ZOO_… and ANIMAL_… become that process's
    // CLAIMS_SIGNING_KEY; one CLAIMS_SIGNING_KEY for all would let each sign as the others, so it is not passed on.
    const signingKeyOf = (name: string): Record<string, string> => {
      const pem = process.env[`${name.toUpperCase()}_CLAIMS_SIGNING_KEY`];
      return { CLAIMS_SIGNING_KEY: pem ?? '' };
    };
    const common = {
      NODE_ENV: config.NODE_ENV,
      LOG_LEVEL: config.LOG_LEVEL,
      DEV_KEYS_DIR: path.join(config.DATA_DIR, 'keys'),
      GATEWAY_JWKS_URL: `${gatewayUrl}/.well-known/jwks.json`,
      ...serviceUrls,
    };
    // The subgraphs start side by side; each one's line is printed as it becomes ready.
    await Promise.all(
      subgraphs.map((subgraph) => {
        const serviceDir = path.dirname(subgraph.schemaFile);
        const databaseUrl = withDatabase(admin, subgraph.name);
        const managed = startProcess(
          subgraph.name,
          path.join(serviceDir, 'dist/main.js'),
          {
            ...common,
            PORT: new URL(subgraph.url).port,
            DATABASE_URL: databaseUrl,
            ...signingKeyOf(subgraph.name),
            SEED_DEMO_DATA: String(config.SEED_DEMO_DATA),
          },
          serviceDir,
          formatLine,
        );
        processes.push(managed);
        return step(
          subgraph.name,
          async () => {
            await waitUntilReady(managed, new URL('/ready', subgraph.url).toString());
            stopIfItDies(managed);
            return (await countAppliedMigrations(databaseUrl)) - (migrationsBefore[subgraph.name] ?? 0);
          },
          (applied) =>
            `${subgraph.url}, ${applied ? `${applied} migration${applied === 1 ? '' : 's'} applied` : 'migrations up to date'}`,
        );
      }),
    );

    const gatewayDir = path.join(config.root, 'gateway');
    const gateway = startProcess(
      'gateway',
      path.join(gatewayDir, 'dist/main.js'),
      {
        ...common,
        ...signingKeyOf('gateway'),
        PORT: String(config.GATEWAY_PORT),
        SUPERGRAPH_SDL_FILE: path.join(config.root, 'supergraph.graphql'),
      },
      gatewayDir,
      formatLine,
    );
    processes.push(gateway);
    await step(
      'gateway',
      async () => {
        await waitUntilReady(gateway, `${gatewayUrl}/ready`);
        stopIfItDies(gateway);
      },
      () => `${gatewayUrl}/graphql, serving supergraph.graphql`,
    );
    const seedsZoos = config.SEED_DEMO_DATA && subgraphs.some((subgraph) => subgraph.name === 'zoo');
    const seedsPuzzles = config.SEED_DEMO_DATA && subgraphs.some((subgraph) => subgraph.name === 'puzzle');
    if (seedsZoos || seedsPuzzles) {
      await step(
        'demo data',
        async () => ({
          ...(seedsZoos ? await seedDemoZoos(`${gatewayUrl}/graphql`) : { zoos: 0, photos: 0 }),
          puzzles: seedsPuzzles ? await seedDemoPuzzles(`${gatewayUrl}/graphql`) : 0,
        }),
        ({ zoos, photos, puzzles }) =>
          [
            zoos && `${zoos} demo zoos with their animals (${photos} with photos)`,
            puzzles && `${puzzles} demo puzzles (2025 unlocked; 2026 unlocks 1–3 December)`,
          ]
            .filter(Boolean)
            .join(', ') || 'already there',
      );
    }

    console.log(`
The supergraph is up.

  Gateway    ${gatewayUrl}/graphql   (the only endpoint clients use; open it in a browser for the explorer)
${subgraphs.map((subgraph) => `  ${subgraph.name.padEnd(10)} ${subgraph.url}`).join('\n')}
  JWKS       ${new URL('/.well-known/jwks.json', subgraphs.find((s) => s.name === 'users')?.url ?? 'http://localhost:4001').toString()}   (access tokens)
             ${gatewayUrl}/.well-known/jwks.json   (the gateway's signed claims)
  Metrics    ${['gateway', ...subgraphs.map((subgraph) => subgraph.name)]
    .map((name) => `http://localhost:${DEVELOPMENT_METRICS_PORTS[name] ?? '?'}/metrics`)
    .join(' ')}
             (each process's operations port: /metrics and a detailed /ready; never the public one)
${
  config.SEED_DEMO_DATA
    ? `
  Demo logins (development only): alice, bob (USER) and admin (ADMIN), password "${DEMO_PASSWORD}"`
    : ''
}

Press Ctrl-C to stop.`);
  } catch (error) {
    if (stopping) return; // Ctrl-C during start-up: stopAll is under way
    const cause = error instanceof StepFailed ? error.cause : error;
    if (!(error instanceof StepFailed)) progress.failed(messageOf(error));
    if (cause instanceof EmbeddedPostgresError) {
      console.log(
        '  (npm start: EMBEDDED_POSTGRES_PORT and DATA_DIR choose its port and folder; DATABASE_URL uses a server of yours instead.)',
      );
    }
    await stopAll(1);
  }
}

/** `dir` relative to the checkout when it lies inside it (`.data/postgres`), else as it is. */
function shortPath(dir: string, root: string): string {
  const relative = path.relative(root, dir);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : dir;
}

main().catch((error: unknown) => {
  // Only a bad setting gets here (everything after start-up has its own handler): say it plainly.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
