// The shared boundary cases (packages/testing/src/subgraph-boundary.ts) against the puzzle subgraph.
import { describeSubgraphBoundary } from '@supergraph/testing/subgraph-boundary';
import { startPuzzleTestbed } from './support/puzzle-subgraph';

describeSubgraphBoundary({
  name: 'puzzle',
  start: () => startPuzzleTestbed().then((testbed) => ({ ...testbed.puzzle, close: () => testbed.close() })),
  publicQuery: '{ puzzles(year: 2025) { id } }',
});
