// The internal claims header is the gateway's to write: a client's copy is dropped before anything reads it.
import type { RequestHandler } from 'express';
import { CLAIMS_HEADER } from '@supergraph/auth';
import type { GatewayFeature } from './feature';

const dropInternalHeader: RequestHandler = (req, _res, next) => {
  delete req.headers[CLAIMS_HEADER];
  next();
};

export function internalHeaderStripping(): GatewayFeature {
  return { name: 'internal-header-stripping', http: [dropInternalHeader] };
}
