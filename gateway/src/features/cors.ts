// Browsers may call the gateway from the configured origins only (none by default), with credentials.
import createCorsMiddleware from 'cors';
import type { GatewayFeature } from './feature';

export function cors(origins: string[]): GatewayFeature {
  return {
    name: 'cors',
    http: [createCorsMiddleware({ origin: origins.length ? origins : false, credentials: true })],
  };
}
