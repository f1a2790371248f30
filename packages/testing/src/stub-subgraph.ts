// A stand-in for another subgraph that a service calls directly (service-to-service), for testing one
// service alone: it checks the caller's signed claims like a real subgraph, records each call, answers
// from a handler, and can be made to fail or hang.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  CLAIMS_HEADER,
  checkOperationBinding,
  eventDocument,
  operationHash,
  requestDigest,
  type ClaimsVerifier,
  type VerifiedClaims,
} from '@supergraph/auth';
import { testClaimsTrust } from './test-keys';

export interface StubCall {
  query: string;
  variables: Record<string, any>;
  claims: VerifiedClaims;
  headers: http.IncomingHttpHeaders;
}

export type StubMode = 'answer' | 'fail' | 'hang';

/** An event delivered to the stub's POST /events, as its producer signed it. */
export interface StubEvent {
  id: string;
  type: string;
  aggregateId: string;
  issuer: string;
}

export interface StubSubgraph {
  url: string;
  calls: StubCall[];
  /** Events delivered to POST /events (each delivery, duplicates included). */
  events: StubEvent[];
  mode: StubMode;
  close(): Promise<void>;
}

/**
 * A stand-in for subgraph `name`. By default it believes what the real one would in a test (the test
 * gateway, and its declared callers for their declared operations).
 */
export async function startStubSubgraph(
  name: string,
  /** The `data` of the answer; a promise holds the answer until it settles (e.g. until a test lets it go). */
  answer: (call: StubCall) => Record<string, unknown> | Promise<Record<string, unknown>>,
  claims: ClaimsVerifier = testClaimsTrust(name),
): Promise<StubSubgraph> {
  const sockets = new Set<Socket>();
  const stub: StubSubgraph = { url: '', calls: [], events: [], mode: 'answer', close: async () => undefined };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', async () => {
      if (stub.mode === 'hang') return; // never answers: the caller's timeout must fire
      if (stub.mode === 'fail') {
        res.writeHead(502).end();
        return;
      }
      if (req.method === 'GET' && req.url === '/health') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        return;
      }
      if (req.url === '/events') {
        const event = JSON.parse(raw) as StubEvent;
        try {
          const verified = await claims.verify(req.headers[CLAIMS_HEADER] as string | undefined);
          const accepted = verified.operations?.has(operationHash(eventDocument(event.type)));
          if (!accepted || verified.digest !== requestDigest(eventDocument(event.type), event)) throw new Error();
          stub.events.push({ ...event, issuer: verified.issuer });
          res.writeHead(204).end();
        } catch {
          res.writeHead(401).end();
        }
        return;
      }
      const body = JSON.parse(raw) as { query: string; variables?: Record<string, any> };
      let verified: VerifiedClaims;
      try {
        verified = await claims.verify(req.headers[CLAIMS_HEADER] as string | undefined);
        checkOperationBinding(verified, body.query, body.variables);
      } catch {
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ errors: [{ message: 'bad claims' }] }));
        return;
      }
      const call = { query: body.query, variables: body.variables ?? {}, claims: verified, headers: req.headers };
      stub.calls.push(call);
      const data = await answer(call);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  stub.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return stub;
}
