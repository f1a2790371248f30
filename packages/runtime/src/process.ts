// Process plumbing shared by every service entry point (the gateway, the subgraphs): listening, stopping on
// signals, failing loudly.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger';

/** Listens on host:port (0: a free port) and resolves with the port actually bound. */
export async function listenHttp(httpServer: http.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  return (httpServer.address() as AddressInfo).port;
}

/** Stops a process's servers on SIGTERM/SIGINT, letting in-flight requests finish first. */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}

/** Runs a service's main(); a start-up failure (bad configuration, no database) prints its message and exits 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
