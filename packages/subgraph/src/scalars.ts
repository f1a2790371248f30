// Scalars shared by every subgraph's SDL: DateTime (ISO 8601) and Date (YYYY-MM-DD).
export { DateTimeResolver as DateTime, DateResolver as Date } from 'graphql-scalars';
