import { loadConfig } from '../src/config';

const base = { DATABASE_URL: 'postgres://localhost/users' };

describe('users configuration', () => {
  it('runs in development with defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      PORT: 4001,
      production: false,
      LOGIN_MAX_FAILURES: 5,
      SEED_DEMO_DATA: false,
      SLOW_OPERATION_MS: 1000,
    });
    expect(config.GATEWAY_JWKS_URL).toBe('http://localhost:4000/.well-known/jwks.json');
    expect(loadConfig({ ...base, SLOW_OPERATION_MS: '250' }).SLOW_OPERATION_MS).toBe(250);
    expect(() => loadConfig({ ...base, SLOW_OPERATION_MS: 'soon' })).toThrow(/SLOW_OPERATION_MS/);
  });

  it('needs a database URL', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL/);
  });

  it('in production, needs a signing key, and never seeds demo accounts', () => {
    const production = { ...base, NODE_ENV: 'production' };
    expect(() => loadConfig(production)).toThrow(/JWT_PRIVATE_KEY/);
    const key = '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----';
    expect(() => loadConfig({ ...production, JWT_PRIVATE_KEY: key, SEED_DEMO_DATA: 'true' })).toThrow(/SEED_DEMO_DATA/);
    expect(loadConfig({ ...production, JWT_PRIVATE_KEY: key }).production).toBe(true);
  });

  it('has no shared claims secret to configure: it trusts the gateway’s published keys', () => {
    expect(loadConfig(base)).not.toHaveProperty('INTERNAL_CLAIMS_SECRET');
    expect(() => loadConfig({ ...base, GATEWAY_JWKS_URL: 'not a url' })).toThrow(/GATEWAY_JWKS_URL/);
  });
});
