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
  connections: number;
  seconds: number;
}

/** The p-th percentile of ascending `sorted`, one of its values (no interpolation). */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function drive(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: options.body,
        ...(options.headersPerRequest && {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                headers: { ...request.headers, ...options.headersPerRequest!() },
              }),
            },
          ],
        }),
        connections: options.connections,
        duration: options.seconds,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) non2xx++;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.total / options.seconds,
    requests: result.requests.total,
    errors: result.errors + non2xx,
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
