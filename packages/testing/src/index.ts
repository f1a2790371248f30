import { REDIS_ENV } from './postgres';

export {
  startPostgres,
  startPostgresServer,
  freePort,
  REDIS_ENV,
  type TestDatabase,
  type PostgresServer,
} from './postgres';

/** The Redis URL a test may use, or undefined when no Redis answered at the start of the run. */
export const testRedisUrl = (): string | undefined => process.env[REDIS_ENV];
export {
  startServiceHarness,
  startSubgraphHarness,
  TEST_CLIENT_ADDRESS,
  type ServiceHarnessOptions,
  type TestableService,
  type SubgraphHarness,
  type HarnessOptions,
  type CallOptions,
  type GraphQLResponse,
  type StartableServer,
} from './subgraph-harness';
export {
  subscribeToSubgraph,
  type SubgraphSubscriber,
  type SubgraphSubscription,
  type SubscribeOptions,
  type SubscriptionMessage,
} from './subgraph-subscriptions';
export { startStubSubgraph, type StubSubgraph, type StubCall, type StubEvent, type StubMode } from './stub-subgraph';
export { testClaimsTrust, testKeys, testServiceOptions } from './test-keys';
export { eventually } from './eventually';
