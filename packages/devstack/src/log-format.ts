// How the launcher shows its processes' output. The processes always write pino's JSON lines; here, in the
// launcher, each line becomes one readable line (LOG_FORMAT=pretty: pino-pretty in this process, so it never
// ships inside a service) or stays as it is (LOG_FORMAT=json). Anything that is not a log line (a start-up
// failure's message, a library printing on its own) is shown as it is, after the process's name.
import { prettyFactory } from 'pino-pretty';

export type LogFormat = 'pretty' | 'json';

export interface LogLineFormatterOptions {
  format: LogFormat;
  /** ANSI colours (a terminal that wants them); never in a file or CI log. */
  colors: boolean;
}

/** Formats one line of output from the process `source` (its name: `users`, `gateway`). */
export type LogLineFormatter = (line: string, source: string) => string;

/** The longest process name, so that messages line up after it. */
const NAME_WIDTH = 7;

export function createLogLineFormatter({ format, colors }: LogLineFormatterOptions): LogLineFormatter {
  const pretty = prettyFactory({
    colorize: colors,
    translateTime: 'SYS:HH:MM:ss.l',
    // Shown in the message (service, request id) or noise on one machine (pid, hostname).
    ignore: 'pid,hostname,name,service,requestId',
    singleLine: true,
    messageFormat: (log, messageKey, _levelLabel, { colors: palette }) => {
      const service = typeof log.service === 'string' ? log.service : String(log.name ?? '');
      const requestId = typeof log.requestId === 'string' ? `  ${palette.gray(`(request ${log.requestId})`)}` : '';
      return `${palette.cyan(service.padEnd(NAME_WIDTH))} ${String(log[messageKey] ?? '')}${requestId}`;
    },
  });
  const prefixed = (line: string, source: string) => `${`[${source}]`.padEnd(NAME_WIDTH + 3)}${line}`;
  return (line, source) => {
    const log = parseLogLine(line);
    if (!log) return prefixed(line, source);
    if (format === 'json') return line;
    return pretty({ service: source, ...log }).trimEnd();
  };
}

/** A pino line: a JSON object with a numeric level and a time; anything else is plain output. */
function parseLogLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return undefined;
    const log = value as Record<string, unknown>;
    return typeof log.level === 'number' && log.time !== undefined ? log : undefined;
  } catch {
    return undefined;
  }
}
