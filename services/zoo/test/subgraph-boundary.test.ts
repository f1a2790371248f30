// The shared boundary cases (packages/testing/src/subgraph-boundary.ts) against the zoo subgraph.
import { describeSubgraphBoundary } from '@supergraph/testing/subgraph-boundary';
import { startZooTestbed } from './support/zoo-subgraph';

describeSubgraphBoundary({
  name: 'zoo',
  start: () => startZooTestbed().then((testbed) => ({ ...testbed.zoo, close: () => testbed.close() })),
  publicQuery: '{ zoos(first: 1) { totalCount } }',
});
