// The gateway's per-request context: who the verified caller is, read from the Authorization header.
import type { IncomingHttpHeaders } from 'node:http';
import type { AccessTokenVerifier, Viewer } from '@supergraph/auth';
import { Unauthenticated } from '@supergraph/errors';
import type { AuthorityFeed } from './authority-feed';

export interface GatewayContext {
  viewer: Viewer | null;
  requestId: string;
  /** W3C trace context sent to subgraphs: the caller's trace, continued. */
  traceparent?: string;
  traceId?: string;
}

/**
 * No Authorization header: anonymous. Anything else must be a valid bearer token; a bad one fails the
 * request, it never falls back to anonymous.
 */
export async function viewerFromHeaders(
  headers: IncomingHttpHeaders,
  verifier: AccessTokenVerifier,
  authority?: AuthorityFeed,
): Promise<Viewer | null> {
  const authorization = headers.authorization;
  if (authorization === undefined || authorization === '') return null;
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(authorization);
  if (!match) throw new Unauthenticated('Authorization must be "Bearer <access token>"', 401);
  const claims = await verifier.verify(match[1]!);
  // The token's role as of its issue, corrected by what the users service has said since (authority-feed.ts).
  return authority ? authority.apply(claims) : { id: claims.id, role: claims.role };
}
