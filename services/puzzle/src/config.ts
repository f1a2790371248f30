// The puzzle service's own settings, read from the environment on top of the base every subgraph shares
// (@supergraph/subgraph service-config.ts): the answer secret, submission cooldowns and board size.
import { nodeEnv, parseConfig, resolveSecrets, z } from '@supergraph/config';
import type { PuzzleSettings } from './context';

/** Development only, and public: production refuses to start with it. */
export const DEVELOPMENT_ANSWER_SECRET = 'development-only-puzzle-answer-secret-not-for-production';

const seconds = (fallback: number) => z.coerce.number().int().min(1).max(86_400).default(fallback);

const variables = z.object({
  NODE_ENV: nodeEnv,
  COOLDOWN_SECONDS: seconds(60),
  LONG_COOLDOWN_SECONDS: seconds(300),
  LONG_COOLDOWN_AFTER_WRONG_ANSWERS: z.coerce.number().int().min(1).default(5),
  MAX_LEADERBOARD_MEMBERS: z.coerce.number().int().min(2).max(10_000).default(200),
});

export interface PuzzleServiceSettings extends PuzzleSettings {
  /** Keys the answers' HMAC and encryption. */
  answerSecret: string;
}

export function loadSettings(env: Record<string, string | undefined>): PuzzleServiceSettings {
  const config = parseConfig(variables, env);
  const { ANSWER_SECRET } = resolveSecrets(env, config.NODE_ENV === 'production', {
    ANSWER_SECRET: DEVELOPMENT_ANSWER_SECRET,
  });
  return {
    answerSecret: ANSWER_SECRET,
    cooldown: {
      seconds: config.COOLDOWN_SECONDS,
      longSeconds: config.LONG_COOLDOWN_SECONDS,
      longAfter: config.LONG_COOLDOWN_AFTER_WRONG_ANSWERS,
    },
    maxLeaderboardMembers: config.MAX_LEADERBOARD_MEMBERS,
  };
}
