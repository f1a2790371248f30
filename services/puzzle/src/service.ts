// The puzzle subgraph, described once: its schema, migrations, resolvers, what each request sees (the answer
// vault, the rules, the clock) and what it does when a user is deleted.
import path from 'node:path';
import { defineService } from '@supergraph/subgraph';
import { createAnswerVault } from './answers';
import { loadSettings, type PuzzleServiceSettings } from './config';
import type { PuzzleContext } from './context';
import { migrations } from './db/migrations';
import type { Database } from './db/schema';
import { deleteUserData } from './db/user-data';
import { topics, type LeaderboardChangedMessage } from './live-updates';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';

export const service = defineService<PuzzleServiceSettings, Database, PuzzleContext>({
  name: 'puzzle',
  schemaFile: path.join(__dirname, '..', 'schema.graphql'),
  migrations,
  loadSettings,
  resolvers,
  context({ db, pubsub, settings: { answerSecret, ...rules }, now }) {
    const answers = createAnswerVault(answerSecret);
    return (request) => ({
      ...request,
      db,
      answers,
      settings: rules,
      pubsub,
      now,
      loaders: createLoaders(db, request.viewer?.id ?? null),
    });
  },
  events: () => ({
    /**
     * The user is gone: their submissions, stars, memberships and boards go too, and every board they sat on
     * is announced (its watchers see the board without them; a deleted board's subscriptions end).
     */
    async UserDeleted(trx, event, publish) {
      for (const leaderboardId of await deleteUserData(trx, event.aggregateId))
        publish(topics.leaderboardChanged(leaderboardId), { leaderboardId } satisfies LeaderboardChangedMessage);
    },
  }),
});
