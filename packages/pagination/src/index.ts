export * from './connections';
export {
  createConnectionLoader,
  type ChildRow,
  type ConnectionLoader,
  type ConnectionSource,
} from './connection-loader';
export { columnSelector, type ColumnMap } from './selection';
