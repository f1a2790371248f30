// Drives load with autocannon at a fixed concurrency for a fixed time, and reads exact latency
// percentiles from every response (autocannon's own summary has no p95).
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface LoadOptions {
  url: string;
  body: string;
  headers?: Record<string, string>;
  /** Headers made afresh for every request (a single-use signed claims header). */
  headersPerRequest?: () => Record<string, string>;
  /** A body made afresh for every request (other variables each time), instead of `body`. */
  bodyPerRequest?: () => string;
  /**
   * Headers of each connection (e.g. each its own user's access token): one connection per entry,
   * instead of `connections` alike.
   */
  headersPerConnection?: Record<string, string>[];
  connections: number;
  seconds: number;
}

/** The p-th percentile of ascending `sorted`, one of its values (no interpolation). */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

interface Raw {
  requests: number;
  errors: number;
  latencies: number[];
}

function run(options: LoadOptions, connections: number, headers: Record<string, string>): Promise<Raw> {
  const latencies: number[] = [];
  let non2xx = 0;
  const perRequest = options.headersPerRequest ?? options.bodyPerRequest;
  return new Promise<Raw>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: options.body,
        ...(perRequest && {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                ...(options.headersPerRequest && {
                  headers: { ...request.headers, ...options.headersPerRequest() },
                }),
                ...(options.bodyPerRequest && { body: options.bodyPerRequest() }),
              }),
            },
          ],
        }),
        connections,
        duration: options.seconds,
      },
      (error, finished) =>
        error
          ? reject(error)
          : resolve({ requests: finished.requests.total, errors: finished.errors + non2xx, latencies }),
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) non2xx++;
    });
  });
}

export async function drive(options: LoadOptions): Promise<LoadResult> {
  const runs = options.headersPerConnection
    ? // One autocannon instance per connection, all at once: the only way to give each its own headers.
      await Promise.all(
        options.headersPerConnection.map((headers) => run(options, 1, { ...options.headers, ...headers })),
      )
    : [await run(options, options.connections, options.headers ?? {})];
  const latencies = runs.flatMap((raw) => raw.latencies).sort((a, b) => a - b);
  const requests = runs.reduce((total, raw) => total + raw.requests, 0);
  return {
    rps: requests / options.seconds,
    requests,
    errors: runs.reduce((total, raw) => total + raw.errors, 0),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 };
}
