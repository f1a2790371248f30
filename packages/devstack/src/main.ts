// `npm start`: the whole platform on one machine with nothing but Node. Starts Postgres (embedded, or the
// server in DATABASE_URL), gives each subgraph its own database, starts the subgraphs listed in
// supergraph.yaml and the gateway as separate processes, and stops everything cleanly on Ctrl-C.
import path from 'node:path';
import { readSupergraphConfig } from '@supergraph/composition';
import { DEVELOPMENT_METRICS_PORTS } from '@supergraph/config';
import {
  EmbeddedPostgresError,
  ensureDatabase,
  startEmbeddedPostgres,
  withDatabase,
  type RunningPostgres,
} from '@supergraph/db';
import { loadConfig } from './config';
import { seedDemoPuzzles, seedDemoZoos } from './demo-data';
import { startProcess, stopProcess, waitUntilReady, type ManagedProcess } from './processes';

const DEMO_PASSWORD = 'supergraph-demo';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const subgraphs = readSupergraphConfig(config.SUPERGRAPH_CONFIG);
  const processes: ManagedProcess[] = [];
  let postgres: RunningPostgres | undefined;
  let stopping = false;

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the stack…');
    // The gateway first, then the subgraphs, then their database.
    for (const managed of [...processes].reverse()) await stopProcess(managed);
    await postgres?.stop();
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const stopIfItDies = (managed: ManagedProcess) =>
    void managed.exited.then((code) => {
      if (stopping) return;
      console.error(`${managed.name} stopped unexpectedly (exit code ${code}); stopping the stack`);
      void stopAll(1);
    });

  try {
    let adminUrl = config.DATABASE_URL;
    if (!adminUrl) {
      console.log(`Starting embedded Postgres on 127.0.0.1:${config.EMBEDDED_POSTGRES_PORT}…`);
      postgres = await startEmbeddedPostgres({
        dataDir: path.join(config.DATA_DIR, 'postgres'),
        port: config.EMBEDDED_POSTGRES_PORT,
        persistent: true,
      });
      console.log(`Embedded Postgres is up (data in ${postgres.dataDir}).`);
      adminUrl = postgres.url('postgres');
    }

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
    for (const subgraph of subgraphs) {
      await ensureDatabase(adminUrl, subgraph.name);
      const serviceDir = path.dirname(subgraph.schemaFile);
      const url = new URL(subgraph.url);
      const managed = startProcess(
        subgraph.name,
        path.join(serviceDir, 'dist/main.js'),
        {
          ...common,
          PORT: url.port,
          DATABASE_URL: withDatabase(adminUrl, subgraph.name),
          ...signingKeyOf(subgraph.name),
          SEED_DEMO_DATA: String(config.SEED_DEMO_DATA),
        },
        serviceDir,
      );
      processes.push(managed);
      stopIfItDies(managed);
    }
    await Promise.all(
      subgraphs.map((subgraph, index) => waitUntilReady(processes[index]!, new URL('/ready', subgraph.url).toString())),
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
    );
    processes.push(gateway);
    stopIfItDies(gateway);
    await waitUntilReady(gateway, `${gatewayUrl}/ready`);
    if (config.SEED_DEMO_DATA && subgraphs.some((subgraph) => subgraph.name === 'zoo')) {
      const zoos = await seedDemoZoos(`${gatewayUrl}/graphql`);
      if (zoos) console.log(`Seeded ${zoos} demo zoos with their animals.`);
    }
    if (config.SEED_DEMO_DATA && subgraphs.some((subgraph) => subgraph.name === 'puzzle')) {
      const puzzles = await seedDemoPuzzles(`${gatewayUrl}/graphql`);
      if (puzzles) console.log(`Seeded ${puzzles} demo puzzles (2025 unlocked; 2026 unlocks 1–3 December).`);
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
    console.error(`\n${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof EmbeddedPostgresError) {
      console.error(
        '(npm start: EMBEDDED_POSTGRES_PORT and DATA_DIR choose its port and folder; DATABASE_URL uses a server of yours instead.)',
      );
    }
    await stopAll(1);
  }
}

main().catch((error: unknown) => {
  // Only a bad setting gets here (everything after start-up has its own handler): say it plainly.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
