// Workload 3, gateway (c): Hive Gateway's runtime (@graphql-hive/gateway-runtime) serving the same
// supergraph file. Like (b), its only addition is the claims header the subgraphs require for `_entities`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
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

const gateway = createGatewayRuntime({
  supergraph: file,
  logging: false,
  // Failures would otherwise read "Unexpected error."; a successful query is unaffected.
  maskedErrors: false,
  plugins: () => [
    {
      onFetch({ url, options, setOptions }) {
        const subgraph = subgraphByUrl.get(url);
        if (!subgraph || typeof options.body !== 'string') return;
        const body = JSON.parse(options.body) as { query?: string; variables?: unknown };
        const claims = signForwardedClaims(keys, {
          audience: subgraph,
          viewer: null,
          digest: requestDigest(body.query, body.variables),
        });
        setOptions({
          ...options,
          headers: { ...(options.headers as Record<string, string>), [CLAIMS_HEADER]: claims },
        });
      },
    },
  ],
});

createServer(gateway).listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${process.env.PORT}/graphql` }));
});
