// Starts OpenTelemetry tracing for one process: a tracer provider exporting batches of spans over OTLP/HTTP
// (JSON), the AsyncLocalStorage context manager (spans find their parent across awaits) and the W3C
// `traceparent` propagator. Called by a main.ts only when an endpoint is configured; otherwise nothing is
// registered and every span the code asks for is the API's no-op.
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator, setGlobalErrorHandler } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface TracingOptions {
  /** `service.name` of every span of this process. */
  serviceName: string;
  /** The OTLP/HTTP traces URL (`http://collector:4318/v1/traces`). */
  tracesUrl: string;
  /** Sent with every export (a hosted collector's API key). */
  headers?: Record<string, string>;
  /** How long finished spans wait to be sent in one batch (default 5 s). */
  scheduleDelayMs?: number;
  /** Told when an export fails (a collector that is down), at most once a minute. */
  onExportError?: (error: unknown) => void;
}

/** Longest the stop path waits for the last spans to go out: a collector that does not answer must not hold it. */
const SHUTDOWN_LIMIT_MS = 3_000;
const EXPORT_ERROR_INTERVAL_MS = 60_000;

export interface Tracing {
  /** Sends the spans still waiting, then unregisters everything (a process's stop path calls it last). */
  shutdown(): Promise<void>;
}

export function startTracing(options: TracingOptions): Tracing {
  const provider = new TracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName })),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({ url: options.tracesUrl, headers: options.headers ?? {} }),
        scheduledDelayMillis: options.scheduleDelayMs ?? 5_000,
      }),
    ],
  });
  let lastReported = -Infinity;
  setGlobalErrorHandler((error) => {
    if (Date.now() - lastReported < EXPORT_ERROR_INTERVAL_MS) return;
    lastReported = Date.now();
    options.onExportError?.(error);
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  let stopped: Promise<void> | undefined;
  return {
    shutdown() {
      stopped ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const limit = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, SHUTDOWN_LIMIT_MS);
        });
        // A failed last export was reported through onExportError; the process stops all the same.
        await Promise.race([provider.shutdown().catch(() => undefined), limit]);
        clearTimeout(timer);
        trace.disable();
        propagation.disable();
        context.disable();
      })();
      return stopped;
    },
  };
}
