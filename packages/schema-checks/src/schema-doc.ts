// The schema reference file as `npm run compose` writes it and `npm run check` expects it: the reference of the
// supergraph with links to the stored operations relative to the file, formatted by Prettier.
import path from 'node:path';
import { loadOperations } from './api-schema';
import { formatMarkdown } from './markdown-format';
import { schemaReference } from './schema-reference';

export function schemaDocument(supergraphSdl: string, operationsDir: string, docFile: string): string {
  const operations = loadOperations(operationsDir).map((operation) => ({
    ...operation,
    file: path.relative(path.dirname(docFile), operation.file).split(path.sep).join('/'),
  }));
  return formatMarkdown(schemaReference(supergraphSdl, operations));
}
