export {
  readSupergraphConfig,
  composeSupergraph,
  composeFromFiles,
  SupergraphConfigError,
  CompositionFailed,
  type SubgraphDefinition,
} from './supergraph-config';
