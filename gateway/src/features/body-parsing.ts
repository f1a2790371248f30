// The JSON request body, up to a size limit. express.json's errors (a body over the limit, malformed JSON)
// are answered as GraphQL-shaped responses: HTTP 413 or 400, code BAD_REQUEST.
import express, { type ErrorRequestHandler } from 'express';
import { BadRequest, httpErrorResponse } from '@supergraph/errors';
import type { GatewayFeature } from './feature';

function refusalFor(error: { status?: number; type?: string }): BadRequest | undefined {
  if (error.type === 'entity.too.large') return new BadRequest('Request body too large', 413);
  if (error.status === 400) return new BadRequest('Request body is not valid JSON');
  return undefined;
}

const bodyErrors: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, next) => {
  const refusal = refusalFor(error);
  if (!refusal) return next(error);
  const { status, body } = httpErrorResponse(refusal);
  res.status(status).json(body);
};

/** `limit` as express.json takes it (e.g. '100kb'). */
export function bodyParsing(limit: string): GatewayFeature {
  return { name: 'body-parsing', http: [express.json({ limit }), bodyErrors] };
}
