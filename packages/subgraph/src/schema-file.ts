// Reads a subgraph's schema.graphql, the source of truth for its SDL and for composition.
import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';

export function loadSchemaFile(path: string): DocumentNode {
  return parse(readFileSync(path, 'utf8'));
}
