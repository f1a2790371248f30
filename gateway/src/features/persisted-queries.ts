// Persisted queries. `apq`: Automatic Persisted Queries (a client may send a query's SHA-256 instead of its
// text once the gateway has seen it). `safelist`: only operations from a manifest run, by hash or by text;
// anything else is refused before it reaches a subgraph. `off`: neither.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { PersistedQueryNotFound } from '@supergraph/errors';
import type { GatewayFeature } from './feature';

export type PersistedQueriesMode = 'off' | 'apq' | 'safelist';

/** Apollo's persisted query manifest format (as the schema-checks package writes it). */
export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name: string; type: string; body: string }[];
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function readManifest(file: string): PersistedQueryManifest {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as PersistedQueryManifest;
  if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations)) {
    throw new Error(`${file} is not a persisted query manifest`);
  }
  for (const operation of manifest.operations) {
    if (sha256(operation.body) !== operation.id)
      throw new Error(`${file}: the id of ${operation.name} is not the SHA-256 of its body`);
  }
  return manifest;
}

/** A read-only cache holding the manifest's operations under Apollo's APQ keys. */
function manifestCache(manifest: PersistedQueryManifest): KeyValueCache<string> {
  // Apollo Server reads APQ entries under the prefix `apq:`.
  const byKey = new Map(manifest.operations.map((operation) => [`apq:${operation.id}`, operation.body]));
  return {
    async get(key) {
      return byKey.get(key);
    },
    async set() {
      // Safelisted operations come only from the manifest.
    },
    async delete() {
      return false;
    },
  };
}

export function persistedQueries(mode: PersistedQueriesMode, manifest?: PersistedQueryManifest): GatewayFeature {
  const name = 'persisted-queries';
  if (mode === 'off') return { name, apolloConfig: { persistedQueries: false } };
  if (mode === 'apq')
    return { name, apolloConfig: { persistedQueries: { cache: new InMemoryLRUCache({ maxSize: 30 * 1024 * 1024 }) } } };
  if (!manifest) throw new Error('Safelist mode needs a persisted query manifest');
  const allowed = new Set(manifest.operations.map((operation) => operation.id));
  return {
    name,
    // Hash-only requests are looked up in the manifest; unknown hashes get Apollo's PERSISTED_QUERY_NOT_FOUND.
    apolloConfig: { persistedQueries: { cache: manifestCache(manifest) } },
    // Operations sent as text run only when the manifest holds them.
    checkSource: (query) =>
      allowed.has(sha256(query)) ? undefined : new PersistedQueryNotFound('This operation is not in the safelist'),
  };
}
