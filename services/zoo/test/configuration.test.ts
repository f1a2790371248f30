// The base configuration every subgraph shares, as the zoo service (which calls the animal service and is
// called by it, and is told of deleted users) reads it: where its peers are, whose keys it trusts, and its own
// key in production.
import { loadSubgraphConfig } from '@supergraph/subgraph';
import { service } from '../src';

const base = { NODE_ENV: 'development', DATABASE_URL: 'postgres://localhost/zoo' };
const load = (env: Record<string, string | undefined>) => loadSubgraphConfig('zoo', env, service.loadSettings);

describe('zoo configuration', () => {
  it('finds the animal service and its published keys at their development defaults', () => {
    const { config } = load(base);
    expect(config.port).toBe(4002);
    expect(config.peers).toEqual({ animal: { url: 'http://localhost:4003/graphql', timeoutMs: 3000 } });
    // animal calls it (ZooOwner) and users delivers it UserDeleted: their published keys, next to their URLs.
    expect(config.callerKeys).toEqual({
      animal: 'http://localhost:4003/.well-known/claims-jwks.json',
      users: 'http://localhost:4001/.well-known/claims-jwks.json',
    });
  });

  it('takes the animal service’s address, deadline and keys from the environment', () => {
    const { config } = load({
      ...base,
      ANIMAL_SERVICE_URL: 'http://animal:4003/graphql',
      ANIMAL_SERVICE_TIMEOUT_MS: '750',
      ANIMAL_JWKS_URL: 'http://keys.internal/animal.json',
    });
    expect(config.peers.animal).toEqual({ url: 'http://animal:4003/graphql', timeoutMs: 750 });
    expect(config.callerKeys.animal).toBe('http://keys.internal/animal.json');
    expect(() => load({ ...base, ANIMAL_SERVICE_TIMEOUT_MS: '5' })).toThrow(/ANIMAL_SERVICE_TIMEOUT_MS/);
  });

  it('needs its own claims-signing key in production, because it signs its calls', () => {
    expect(() => load({ ...base, NODE_ENV: 'production' })).toThrow(/CLAIMS_SIGNING_KEY: required in production/);
  });

  it('fails closed: with NODE_ENV unset it runs as production and needs its key', () => {
    const { NODE_ENV: _development, ...unset } = base;
    expect(() => load(unset)).toThrow(/CLAIMS_SIGNING_KEY: required in production/);
  });
});
