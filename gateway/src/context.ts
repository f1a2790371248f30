// The gateway's per-request context: who the verified caller is, read from the Authorization header (or, for a
// WebSocket, from the same value in its connection_init payload).
import type { IncomingHttpHeaders } from 'node:http';
import type { AccessTokenClaims, AccessTokenVerifier, Viewer } from '@supergraph/auth';
import { Unauthenticated } from '@supergraph/errors';
import type { AuthorityFeed } from './authority-feed';

export interface GatewayContext {
  viewer: Viewer | null;
  /** The caller's IP address, as client-address.ts derives it (TRUST_PROXY); signed into the claims (`cip`). */
  clientAddress?: string;
  requestId: string;
  /** W3C trace context sent to subgraphs: the caller's trace, continued. */
  traceparent?: string;
  traceId?: string;
}

/** A verified access token: whom it stands for now, and the token's own claims (its `exp`, its issue time). */
export interface VerifiedCaller {
  viewer: Viewer;
  claims: AccessTokenClaims;
}

/**
 * No authorization: anonymous (null). Anything else must be "Bearer <valid access token>"; a bad one throws
 * UNAUTHENTICATED, it never falls back to anonymous.
 */
export async function verifyAuthorization(
  authorization: string | undefined,
  verifier: AccessTokenVerifier,
  authority?: AuthorityFeed,
): Promise<VerifiedCaller | null> {
  if (authorization === undefined || authorization === '') return null;
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(authorization);
  if (!match) throw new Unauthenticated('Authorization must be "Bearer <access token>"', 401);
  const claims = await verifier.verify(match[1]!);
  // The token's role as of its issue, corrected by what the users service has said since (authority-feed.ts).
  const viewer = authority ? authority.apply(claims) : { id: claims.id, role: claims.role };
  return { viewer, claims };
}

export async function viewerFromHeaders(
  headers: IncomingHttpHeaders,
  verifier: AccessTokenVerifier,
  authority?: AuthorityFeed,
): Promise<Viewer | null> {
  return (await verifyAuthorization(headers.authorization, verifier, authority))?.viewer ?? null;
}
