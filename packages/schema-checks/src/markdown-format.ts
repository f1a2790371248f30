// Formats generated Markdown as the repository's Prettier would (its config and version), so that the
// `prettier --check .` of CI accepts the file whatever the schema's descriptions hold. Prettier runs as a child
// process: its API loads its plugins with a dynamic import(), which Jest's CommonJS runtime cannot run.
import { execFileSync } from 'node:child_process';
import { REPO_ROOT, SCHEMA_DOC_FILE } from './paths';

export function formatMarkdown(markdown: string): string {
  const prettier = require.resolve('prettier/bin/prettier.cjs');
  // Named as the committed file, so Prettier applies the repository's config to it wherever it will be written.
  return execFileSync(process.execPath, [prettier, '--stdin-filepath', SCHEMA_DOC_FILE], {
    cwd: REPO_ROOT,
    input: markdown,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}
