// W3C trace context (`traceparent`) carried from the gateway to every subgraph, so logs of one request share
// a trace id. Without tracing (no OpenTelemetry SDK registered: tracing.ts) only the API and its W3C propagator
// are used, nothing is registered and ids are made here; with tracing, the request's server span (spans.ts) is
// the active span and its ids are the ones logged, so logs and spans share one trace id.
import { randomBytes } from 'node:crypto';
import {
  ROOT_CONTEXT,
  TraceFlags,
  isSpanContextValid,
  trace,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { headerValue, type HeaderSource } from './headers';

export const TRACEPARENT_HEADER = 'traceparent';

export interface TraceContext {
  /** 32 lowercase hex digits, shared by every service that handles the request. */
  traceId: string;
  /** 16 lowercase hex digits, this service's own part of the request. */
  spanId: string;
  /** This span as a `traceparent` header value, to send downstream. */
  traceparent: string;
}

const propagator = new W3CTraceContextPropagator();

const headerGetter: TextMapGetter<HeaderSource> = {
  keys: (headers) => (typeof headers.get === 'function' ? [] : Object.keys(headers)),
  get: (headers, key) => headerValue(headers, key),
};

const recordSetter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

/**
 * The trace of the request being handled: the active span's when tracing is on; otherwise it continues the
 * caller's trace (same trace id, a new span id) when it sent a valid `traceparent`, else starts one.
 */
export function traceContextFromHeaders(headers: HeaderSource): TraceContext {
  // Without a registered context manager there is never an active span: a lookup, no allocation.
  const active = trace.getActiveSpan()?.spanContext();
  if (active && isSpanContextValid(active))
    return { traceId: active.traceId, spanId: active.spanId, traceparent: traceparentFor(active) };
  const incoming = trace.getSpanContext(propagator.extract(ROOT_CONTEXT, headers, headerGetter));
  const traceId = incoming && isSpanContextValid(incoming) ? incoming.traceId : randomHex(16);
  const traceFlags = incoming && isSpanContextValid(incoming) ? incoming.traceFlags : TraceFlags.SAMPLED;
  const spanId = randomHex(8);
  return { traceId, spanId, traceparent: traceparentFor({ traceId, spanId, traceFlags }) };
}

/** The `traceparent` header value naming `span` as the parent of the next hop. */
export function traceparentFor(span: { traceId: string; spanId: string; traceFlags?: number }): string {
  const carrier: Record<string, string> = {};
  const spanContext = {
    traceId: span.traceId,
    spanId: span.spanId,
    traceFlags: span.traceFlags ?? TraceFlags.SAMPLED,
    isRemote: false,
  };
  propagator.inject(trace.setSpanContext(ROOT_CONTEXT, spanContext), carrier, recordSetter);
  const traceparent = carrier[TRACEPARENT_HEADER];
  if (!traceparent)
    throw new TypeError(`Not a valid trace context: trace id "${span.traceId}", span id "${span.spanId}"`);
  return traceparent;
}

/** Random lowercase hex of `bytes` bytes, never all zeros (an all-zero id is invalid in W3C trace context). */
function randomHex(bytes: number): string {
  for (;;) {
    const hex = randomBytes(bytes).toString('hex');
    if (/[^0]/.test(hex)) return hex;
  }
}
