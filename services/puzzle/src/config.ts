// The puzzle service's configuration, parsed once from the environment by main.ts.
import { flag, parseConfig, resolveSecrets, subgraphVariables, z } from '@supergraph/config';

/** Development only, and public: production refuses to start with it. */
export const DEVELOPMENT_ANSWER_SECRET = 'development-only-puzzle-answer-secret-not-for-production';

const seconds = (fallback: number) => z.coerce.number().int().min(1).max(86_400).default(fallback);

const schema = z.object({
  ...subgraphVariables(4004),
  COOLDOWN_SECONDS: seconds(60),
  LONG_COOLDOWN_SECONDS: seconds(300),
  LONG_COOLDOWN_AFTER_WRONG_ANSWERS: z.coerce.number().int().min(1).default(5),
  MAX_LEADERBOARD_MEMBERS: z.coerce.number().int().min(2).max(10_000).default(200),
  JOBS_ENABLED: flag(true),
});

export type PuzzleConfig = z.infer<typeof schema> & { production: boolean; ANSWER_SECRET: string };

export function loadConfig(env: Record<string, string | undefined>): PuzzleConfig {
  const config = parseConfig(schema, env);
  const production = config.NODE_ENV === 'production';
  const secrets = resolveSecrets(env, production, { ANSWER_SECRET: DEVELOPMENT_ANSWER_SECRET });
  return { ...config, ...secrets, production };
}
