export { startPostgres, startPostgresServer, freePort, type TestDatabase, type PostgresServer } from './postgres';
export {
  startSubgraphHarness,
  TEST_CLAIMS_KEY,
  type SubgraphHarness,
  type HarnessOptions,
  type CallOptions,
  type GraphQLResponse,
  type StartableServer,
} from './subgraph-harness';
export { startStubSubgraph, type StubSubgraph, type StubCall, type StubMode } from './stub-subgraph';
