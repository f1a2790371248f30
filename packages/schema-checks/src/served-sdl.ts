// Asks each subgraph's real server for the SDL it serves (`_service { sdl }`), to compare with its
// schema.graphql. The service is found from supergraph.yaml, not from a list here: the package that holds the
// schema file exports its descriptor (`service`, made by defineService), and the check builds the server from
// it the way every other caller does. The servers run in-process on loopback; `_service` touches no database,
// so their pools point at an address nothing listens on and are never used. The check signs like the
// gateway, with a key it makes for this run, which the servers it starts are told to trust.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CLAIMS_HEADER,
  createClaimsTrust,
  createLocalKeySet,
  generateSigningKey,
  requestDigest,
  serviceKeys,
  signForwardedClaims,
} from '@supergraph/auth';
import { createPool } from '@supergraph/db';
import { createLogger } from '@supergraph/runtime';
import { calleesOf, type SubgraphService } from '@supergraph/subgraph';

const SERVICE_SDL = '{ _service { sdl } }';

/** The package a schema file belongs to: the nearest package.json above it. */
function packageOf(schemaFile: string): { name: string; dir: string } {
  for (let dir = path.dirname(path.resolve(schemaFile)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest))
      return { name: (JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name, dir };
  }
  throw new Error(`No package.json above ${schemaFile}: the schema check cannot find the service that serves it`);
}

/** The descriptor exported by the service package that owns `schemaFile`. */
export function serviceDescriptor(subgraph: { name: string; schemaFile: string }): SubgraphService {
  const { name: packageName, dir } = packageOf(subgraph.schemaFile);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- which package is known only at run time
  const exported = (require(require.resolve(packageName, { paths: [dir] })) as { service?: SubgraphService }).service;
  if (!exported || typeof exported.createServer !== 'function' || exported.name !== subgraph.name) {
    throw new Error(
      `${packageName} (${dir}) must export \`service\`, the descriptor of subgraph "${subgraph.name}" (defineService)`,
    );
  }
  return exported;
}

/** The SDL the subgraph serves, from its own server started in-process. */
export async function servedSdl(subgraph: { name: string; schemaFile: string }): Promise<string> {
  const service = serviceDescriptor(subgraph);
  const gatewayKeys = serviceKeys('gateway', generateSigningKey());
  // Development settings (asked for explicitly: an unset NODE_ENV is production); a service that keeps a
  // development key writes it here.
  const keysDir = mkdtempSync(path.join(tmpdir(), 'supergraph-check-'));
  const nowhere = { url: 'http://127.0.0.1:9/graphql', timeoutMs: 100 };
  const server = service.createServer({
    pool: createPool({ connectionString: 'postgres://check@127.0.0.1:9/none' }),
    claims: createClaimsTrust({ name: service.name, gateway: createLocalKeySet(gatewayKeys.published) }),
    keys: serviceKeys(service.name, generateSigningKey()),
    peers: Object.fromEntries(calleesOf(service.name).map((peer) => [peer, nowhere])),
    settings: service.loadSettings({ NODE_ENV: 'development', DEV_KEYS_DIR: keysDir }),
    logger: createLogger('schema-check', 'silent'),
    production: false,
    events: false,
  });
  try {
    const { url } = await server.listen(0);
    const claims = signForwardedClaims(gatewayKeys, {
      audience: service.name,
      viewer: null,
      digest: requestDigest(SERVICE_SDL, undefined),
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: claims },
      body: JSON.stringify({ query: SERVICE_SDL }),
    });
    const body = (await response.json()) as { data?: { _service: { sdl: string } }; errors?: { message: string }[] };
    if (!body.data) throw new Error(`${service.name} did not serve its SDL: ${JSON.stringify(body.errors)}`);
    return body.data._service.sdl;
  } finally {
    await server.stop();
    rmSync(keysDir, { recursive: true, force: true });
  }
}
