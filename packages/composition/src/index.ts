export {
  readSupergraphConfig,
  composeSupergraph,
  composeSubgraphs,
  SupergraphConfigError,
  CompositionFailed,
  type SubgraphDefinition,
  type SubgraphSdl,
  type Composition,
} from './supergraph-config';
