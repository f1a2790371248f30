// Workload 3, gateways (c)–(e): Hive Gateway's runtime (@graphql-hive/gateway-runtime) serving the same
// supergraph file, with its defaults (c); with its in-flight request deduplication off (d,
// HIVE_DEDUPLICATE=false); or with @graphql-hive/router-runtime, the Rust query planner, planning and
// executing (e, HIVE_ROUTER_RUNTIME=true). Like (b), its only addition is the claims header the subgraphs
// require for `_entities`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime, type GatewayConfigSupergraph } from '@graphql-hive/gateway-runtime';
import { CLAIMS_HEADER, requestDigest, serviceKeys, signForwardedClaims, signingKeyFromPem } from '@supergraph/auth';

// Signs as the gateway, with the key the subgraphs were told belongs to it.
const keys = serviceKeys('gateway', signingKeyFromPem(process.env.BENCH_CLAIMS_SIGNING_KEY!));
const file = process.env.SUPERGRAPH_SDL_FILE!;
const subgraphByUrl = new Map(
  [...readFileSync(file, 'utf8').matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map((match) => [
    match[2]!,
    match[1]!,
  ]),
);

async function main() {
  const options: Pick<GatewayConfigSupergraph, 'transportEntries' | 'unifiedGraphHandler'> = {};
  if (process.env.HIVE_DEDUPLICATE === 'false')
    // @graphql-tools/executor-http's option (default true), given to every subgraph's HTTP transport.
    options.transportEntries = { '*.http': { options: { deduplicateInflightRequests: false } } };
  if (process.env.HIVE_ROUTER_RUNTIME === 'true')
    // Loaded only here, so a platform without its native planner fails this variant alone. The cast bridges
    // the same types seen through the package's ESM and CJS declarations.
    options.unifiedGraphHandler = (await import('@graphql-hive/router-runtime'))
      .unifiedGraphHandler as unknown as GatewayConfigSupergraph['unifiedGraphHandler'];

  const gateway = createGatewayRuntime({
    supergraph: file,
    logging: false,
    // Failures would otherwise read "Unexpected error."; a successful query is unaffected.
    maskedErrors: false,
    ...options,
    plugins: () => [
      {
        onFetch({ url, options: init, setOptions }) {
          const subgraph = subgraphByUrl.get(url);
          if (!subgraph || typeof init.body !== 'string') return;
          const body = JSON.parse(init.body) as { query?: string; variables?: unknown };
          const claims = signForwardedClaims(keys, {
            audience: subgraph,
            viewer: null,
            digest: requestDigest(body.query, body.variables),
          });
          setOptions({
            ...init,
            headers: { ...(init.headers as Record<string, string>), [CLAIMS_HEADER]: claims },
          });
        },
      },
    ],
  });

  const server = createServer(gateway).listen(Number(process.env.PORT), '127.0.0.1', () => {
    console.log(JSON.stringify({ url: `http://127.0.0.1:${process.env.PORT}/graphql` }));
  });
  // Exits normally on SIGTERM, so that a process run with --cpu-prof writes its profile.
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
