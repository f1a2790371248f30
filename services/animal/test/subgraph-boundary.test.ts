// The shared boundary cases (packages/testing/src/subgraph-boundary.ts) against the animal subgraph.
import { describeSubgraphBoundary } from '@supergraph/testing/subgraph-boundary';
import { startAnimalTestbed } from './support/animal-subgraph';

describeSubgraphBoundary({
  name: 'animal',
  start: () => startAnimalTestbed().then((testbed) => ({ ...testbed.animal, close: () => testbed.close() })),
  publicQuery: '{ animals(first: 1) { totalCount } }',
});
