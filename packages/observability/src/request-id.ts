// The request id that ties one client request's log lines together across the gateway and its subgraphs.
import { randomUUID } from 'node:crypto';
import { headerValue, type HeaderSource } from './headers';

export const REQUEST_ID_HEADER = 'x-request-id';

const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The caller's `x-request-id` when it is sane (it ends up in every log line), else a fresh UUID. */
export function requestIdFrom(headers: HeaderSource): string {
  const given = headerValue(headers, REQUEST_ID_HEADER);
  return given && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}
