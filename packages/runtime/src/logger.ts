// One structured JSON logger per process (pino), named for the service.
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Logs to stdout, or to `destination` (tests capture lines with an in-memory stream). */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  return pino({ name: service, level, base: { service } }, destination);
}
