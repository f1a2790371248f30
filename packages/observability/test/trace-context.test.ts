// Continuing the caller's W3C trace, or starting one (or, when tracing, naming the request's span), and choosing
// the request id.
import { ROOT_CONTEXT, TraceFlags, context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { requestIdFrom, traceContextFromHeaders, traceparentFor } from '../src';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

describe('trace context', () => {
  it('continues an incoming traceparent: same trace id, a new span id', () => {
    const trace = traceContextFromHeaders({ traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-01` });

    expect(trace.traceId).toBe(TRACE_ID);
    expect(trace.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(trace.spanId).not.toBe(PARENT_SPAN_ID);
    expect(trace.traceparent).toBe(`00-${TRACE_ID}-${trace.spanId}-01`);
  });

  it('reads the header from a Map-like header object too', () => {
    const trace = traceContextFromHeaders(new Headers({ traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-00` }));

    expect(trace.traceId).toBe(TRACE_ID);
    expect(trace.traceparent).toBe(`00-${TRACE_ID}-${trace.spanId}-00`);
  });

  it.each([
    ['garbage', 'not-a-traceparent'],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${PARENT_SPAN_ID}-01`],
    ['an upper-case trace id', `00-${TRACE_ID.toUpperCase()}-${PARENT_SPAN_ID}-01`],
  ])('starts a new trace when the incoming traceparent is %s', (_case, traceparent) => {
    const trace = traceContextFromHeaders({ traceparent });

    expect(trace.traceparent).toMatch(TRACEPARENT);
    expect(trace.traceId).not.toBe(TRACE_ID);
    expect(trace.traceId).not.toBe('0'.repeat(32));
  });

  it('starts a new trace per request when none is given', () => {
    const first = traceContextFromHeaders({});
    const second = traceContextFromHeaders({});

    expect(first.traceparent).toMatch(TRACEPARENT);
    expect(first.traceId).not.toBe(second.traceId);
  });

  it('names the active span when the process traces, so logs carry the trace id its spans have', () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    try {
      const span = { traceId: TRACE_ID, spanId: PARENT_SPAN_ID, traceFlags: TraceFlags.SAMPLED };
      const traced = context.with(trace.setSpanContext(ROOT_CONTEXT, span), () =>
        traceContextFromHeaders({ traceparent: `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01` }),
      );

      expect(traced).toEqual({
        traceId: TRACE_ID,
        spanId: PARENT_SPAN_ID,
        traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`,
      });
    } finally {
      context.disable();
    }
  });

  it('names a span as the parent for the next hop', () => {
    expect(traceparentFor({ traceId: TRACE_ID, spanId: PARENT_SPAN_ID })).toBe(`00-${TRACE_ID}-${PARENT_SPAN_ID}-01`);
    expect(() => traceparentFor({ traceId: 'nope', spanId: PARENT_SPAN_ID })).toThrow(/Not a valid trace context/);
  });
});

describe('request id', () => {
  it('keeps a sane incoming x-request-id', () => {
    expect(requestIdFrom({ 'x-request-id': 'abc-123' })).toBe('abc-123');
    expect(requestIdFrom(new Headers({ 'X-Request-Id': 'gw:42.7' }))).toBe('gw:42.7');
  });

  it('replaces a missing or unsafe one with a fresh UUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(requestIdFrom({})).toMatch(uuid);
    expect(requestIdFrom({ 'x-request-id': 'evil\nline' })).toMatch(uuid);
    expect(requestIdFrom({ 'x-request-id': 'a'.repeat(129) })).toMatch(uuid);
  });
});
