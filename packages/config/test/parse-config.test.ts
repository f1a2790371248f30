import {
  ConfigError,
  flag,
  isProduction,
  nodeEnv,
  parseConfig,
  port,
  postgresUrl,
  requireInProduction,
  resolveSecrets,
  tracingSettings,
  tracingVariables,
  z,
} from '../src';

const schema = z.object({ PORT: port(4001), DATABASE_URL: postgresUrl, SEED: flag(false) });

describe('parseConfig', () => {
  it('applies defaults and coerces types', () => {
    expect(parseConfig(schema, { DATABASE_URL: 'postgres://localhost/users', SEED: 'true' })).toEqual({
      PORT: 4001,
      DATABASE_URL: 'postgres://localhost/users',
      SEED: true,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig(schema, { DATABASE_URL: 'postgres://x/y', PORT: '' }).PORT).toBe(4001);
  });

  it('fails with a message naming every bad variable', () => {
    expect(() => parseConfig(schema, { PORT: 'eighty', DATABASE_URL: 'mysql://nope', SEED: 'yes' })).toThrow(
      ConfigError,
    );
    try {
      parseConfig(schema, { PORT: '70000', SEED: 'false' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT:/);
      expect((error as Error).message).toMatch(/DATABASE_URL:/);
    }
    expect.assertions(3);
  });
});

describe('resolveSecrets', () => {
  const defaults = { ANSWER_SECRET: 'development-default-value-that-is-public!!' };

  it('uses the development default outside production', () => {
    expect(resolveSecrets({}, false, defaults)).toEqual(defaults);
  });

  it('refuses a missing secret or the public default in production', () => {
    expect(() => resolveSecrets({}, true, defaults)).toThrow(/ANSWER_SECRET: must be set in production/);
    expect(() => resolveSecrets(defaults, true, defaults)).toThrow(/ANSWER_SECRET/);
    expect(
      resolveSecrets({ ANSWER_SECRET: 'a-real-secret-from-the-vault-xxxxxxxxxx' }, true, defaults).ANSWER_SECRET,
    ).toBe('a-real-secret-from-the-vault-xxxxxxxxxx');
  });
});

describe('NODE_ENV fails closed', () => {
  const schema = z.object({ NODE_ENV: nodeEnv });

  it('is development or test only when it says so explicitly', () => {
    expect(parseConfig(schema, { NODE_ENV: 'development' }).NODE_ENV).toBe('development');
    expect(parseConfig(schema, { NODE_ENV: 'test' }).NODE_ENV).toBe('test');
    expect(isProduction({ NODE_ENV: 'development' })).toBe(false);
  });

  it('is production when unset, empty or anything else', () => {
    for (const NODE_ENV of [undefined, '', 'production', 'staging', 'Development', 'dev']) {
      expect(parseConfig(schema, { NODE_ENV }).NODE_ENV).toBe('production');
      expect(isProduction({ NODE_ENV })).toBe(true);
    }
  });

  it('so an unset NODE_ENV without secrets fails, naming every missing one', () => {
    const env = {};
    const production = parseConfig(schema, env).NODE_ENV === 'production';
    expect(() =>
      resolveSecrets(env, production, { ANSWER_SECRET: 'public-development-default', OTHER_SECRET: 'also-public' }),
    ).toThrow(/ANSWER_SECRET: must be set in production[\s\S]*OTHER_SECRET: must be set in production/);
    expect(() => requireInProduction(production, { CLAIMS_SIGNING_KEY: undefined, JWT_PRIVATE_KEY: '' })).toThrow(
      /CLAIMS_SIGNING_KEY: required in production[\s\S]*JWT_PRIVATE_KEY: required in production/,
    );
  });
});

describe('tracing settings', () => {
  const tracing = (env: Record<string, string>) => tracingSettings(parseConfig(z.object(tracingVariables), env), 'zoo');

  it('are off without an OTLP endpoint, or when the SDK is disabled', () => {
    expect(tracing({})).toBeUndefined();
    expect(
      tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318', OTEL_SDK_DISABLED: 'true' }),
    ).toBeUndefined();
  });

  it('export to the endpoint’s /v1/traces as the service, every 5 s', () => {
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318/' })).toEqual({
      serviceName: 'zoo',
      tracesUrl: 'http://localhost:4318/v1/traces',
      headers: {},
      scheduleDelayMs: 5_000,
    });
  });

  it('take the traces endpoint as it is, the service name, batch delay and headers from their variables', () => {
    expect(
      tracing({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector.example/otlp/traces',
        OTEL_SERVICE_NAME: 'zoo-eu-1',
        OTEL_BSP_SCHEDULE_DELAY: '100',
        OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc%3D%3D, x-team = zoo',
      }),
    ).toEqual({
      serviceName: 'zoo-eu-1',
      tracesUrl: 'https://collector.example/otlp/traces',
      headers: { 'x-api-key': 'abc==', 'x-team': 'zoo' },
      scheduleDelayMs: 100,
    });
  });

  it('refuse a bad endpoint or header list, naming the variable', () => {
    expect(() => tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() => tracing({ OTEL_EXPORTER_OTLP_HEADERS: 'no-value' })).toThrow(/OTEL_EXPORTER_OTLP_HEADERS/);
  });
});
