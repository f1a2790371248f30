import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSubgraphConfig } from '@supergraph/subgraph';
import { service } from '../src';

const base = {
  NODE_ENV: 'development',
  DATABASE_URL: 'postgres://localhost/users',
  DEV_KEYS_DIR: mkdtempSync(path.join(tmpdir(), 'users-config-')),
};
const load = (env: Record<string, string | undefined>) => loadSubgraphConfig('users', env, service.loadSettings);

describe('users configuration', () => {
  it('runs in development with defaults', () => {
    const { config, settings } = load(base);
    expect(config).toMatchObject({
      port: 4001,
      metricsPort: 9401,
      production: false,
      slowOperationMs: 1000,
      jobsEnabled: true,
    });
    expect(settings).toMatchObject({
      loginProtection: { maxFailures: 5, lockoutSeconds: 900, addressMaxFailures: 100 },
      credentialLimit: { attempts: 30, windowSeconds: 60 },
      passwordHashing: { concurrency: 2, maxWaiting: 16 },
      seedDemoData: false,
    });
    expect(config.gatewayJwksUrl).toBe('http://localhost:4000/.well-known/jwks.json');
    expect(load({ ...base, SLOW_OPERATION_MS: '250' }).config.slowOperationMs).toBe(250);
    expect(() => load({ ...base, SLOW_OPERATION_MS: 'soon' })).toThrow(/SLOW_OPERATION_MS/);
  });

  it('needs a database URL', () => {
    expect(() => load({ NODE_ENV: 'development', DEV_KEYS_DIR: base.DEV_KEYS_DIR })).toThrow(/DATABASE_URL/);
  });

  it('names every bad variable at once, the shared ones and its own', () => {
    expect(() => load({ ...base, PORT: 'eighty', LOGIN_MAX_FAILURES: 'many' })).toThrow(
      /PORT[\s\S]*LOGIN_MAX_FAILURES/,
    );
  });

  it('in production, needs a signing key, and never seeds demo accounts', () => {
    const production = { ...base, NODE_ENV: 'production' };
    expect(() => load(production)).toThrow(/JWT_PRIVATE_KEY/);
    const key = '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----';
    expect(() => load({ ...production, JWT_PRIVATE_KEY: key, SEED_DEMO_DATA: 'true' })).toThrow(/SEED_DEMO_DATA/);
  });

  it('fails closed: NODE_ENV unset (or unknown) is production, and every missing key is named at once', () => {
    for (const NODE_ENV of [undefined, '', 'staging']) {
      const env = { ...base, NODE_ENV, SEED_DEMO_DATA: 'true' };
      expect(() => load(env)).toThrow(/JWT_PRIVATE_KEY: required in production[\s\S]*SEED_DEMO_DATA/);
    }
    expect(load({ ...base, NODE_ENV: 'test' }).config.production).toBe(false);
  });

  it('has no shared claims secret to configure: it trusts the gateway’s published keys', () => {
    expect(load(base).config).not.toHaveProperty('INTERNAL_CLAIMS_SECRET');
    expect(() => load({ ...base, GATEWAY_JWKS_URL: 'not a url' })).toThrow(/GATEWAY_JWKS_URL/);
  });
});
