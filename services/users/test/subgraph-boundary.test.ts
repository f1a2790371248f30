// The shared boundary cases (packages/testing/src/subgraph-boundary.ts) against the users subgraph.
import { describeSubgraphBoundary } from '@supergraph/testing/subgraph-boundary';
import { startUsersSubgraph } from './support/users-subgraph';

describeSubgraphBoundary({
  name: 'users',
  start: () => startUsersSubgraph(),
  publicQuery: '{ users(first: 1) { totalCount } }',
});
