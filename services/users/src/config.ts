// The users service's own settings, read from the environment on top of the base every subgraph shares
// (@supergraph/subgraph service-config.ts): how access and refresh tokens are issued, the failed-login
// protection, the per-address limit on credential mutations, how many password hashes run at once, and
// whether demo accounts are created.
import path from 'node:path';
import { loadOrCreateDevSigningKey, signingKeyFromPem } from '@supergraph/auth';
import { ConfigError, claimsSigningVariables, flag, nodeEnv, parseConfig, z } from '@supergraph/config';
import type { CredentialLimitSettings } from './credential-limit';
import type { LoginProtectionSettings } from './login-protection';
import type { PasswordHashingSettings } from './passwords';
import type { SessionSettings } from './sessions';

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const seconds = count;
const HOUR = 60 * 60;

const variables = z.object({
  NODE_ENV: nodeEnv,
  JWT_ISSUER: z.string().min(1).default('supergraph-users'),
  JWT_AUDIENCE: z.string().min(1).default('supergraph'),
  /** PEM (PKCS#8) EC P-256 or RSA private key; required in production. */
  JWT_PRIVATE_KEY: z.string().includes('PRIVATE KEY').optional(),
  JWT_KEY_ID: z.string().min(1).optional(),
  /** Development only: where the generated signing key is kept. */
  DEV_KEYS_DIR: claimsSigningVariables.DEV_KEYS_DIR,
  SEED_DEMO_DATA: flag(false),
  LOGIN_MAX_FAILURES: count(5),
  LOGIN_LOCKOUT_SECONDS: seconds(15 * 60),
  LOGIN_MAX_LOCKOUT_SECONDS: seconds(24 * HOUR),
  LOGIN_IP_MAX_FAILURES: count(100),
  LOGIN_IP_WINDOW_SECONDS: seconds(24 * HOUR),
  CREDENTIAL_ATTEMPTS_PER_IP: count(30),
  CREDENTIAL_WINDOW_SECONDS: seconds(60),
  PASSWORD_HASH_CONCURRENCY: count(2),
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).default(16),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
});

export interface UsersSettings {
  sessions: SessionSettings;
  loginProtection: LoginProtectionSettings;
  credentialLimit: CredentialLimitSettings;
  passwordHashing: PasswordHashingSettings;
  /** Development only: creates the demo accounts at start-up. */
  seedDemoData: boolean;
}

export function loadSettings(env: Record<string, string | undefined>): UsersSettings {
  const config = parseConfig(variables, env);
  // NODE_ENV unset counts as production (nodeEnv fails closed): no generated key, no demo accounts.
  const production = config.NODE_ENV === 'production';
  const problems = [
    ...(production && !config.JWT_PRIVATE_KEY ? ['  JWT_PRIVATE_KEY: required in production (a PEM private key)'] : []),
    ...(config.LOGIN_MAX_LOCKOUT_SECONDS < config.LOGIN_LOCKOUT_SECONDS
      ? ['  LOGIN_MAX_LOCKOUT_SECONDS: must be at least LOGIN_LOCKOUT_SECONDS (the first lockout)']
      : []),
    ...(production && config.SEED_DEMO_DATA ? ['  SEED_DEMO_DATA: demo accounts are never created in production'] : []),
  ];
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return {
    sessions: {
      signingKey: config.JWT_PRIVATE_KEY
        ? signingKeyFromPem(config.JWT_PRIVATE_KEY, config.JWT_KEY_ID)
        : loadOrCreateDevSigningKey(path.resolve(config.DEV_KEYS_DIR)),
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    },
    loginProtection: {
      maxFailures: config.LOGIN_MAX_FAILURES,
      lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS,
      maxLockoutSeconds: config.LOGIN_MAX_LOCKOUT_SECONDS,
      addressMaxFailures: config.LOGIN_IP_MAX_FAILURES,
      addressWindowSeconds: config.LOGIN_IP_WINDOW_SECONDS,
    },
    credentialLimit: { attempts: config.CREDENTIAL_ATTEMPTS_PER_IP, windowSeconds: config.CREDENTIAL_WINDOW_SECONDS },
    passwordHashing: { concurrency: config.PASSWORD_HASH_CONCURRENCY, maxWaiting: config.PASSWORD_HASH_QUEUE },
    seedDemoData: config.SEED_DEMO_DATA,
  };
}
