// Workload 3, gateway (b): @apollo/gateway in @apollo/server's standalone server with no plugins. It only
// signs the (anonymous) claims header that the subgraphs require before they answer `_entities`.
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { CLAIMS_HEADER, requestDigest, serviceKeys, signForwardedClaims, signingKeyFromPem } from '@supergraph/auth';

// Signs as the gateway, with the key the subgraphs were told belongs to it.
const keys = serviceKeys('gateway', signingKeyFromPem(process.env.BENCH_CLAIMS_SIGNING_KEY!));

class SigningDataSource extends RemoteGraphQLDataSource {
  constructor(
    private readonly subgraph: string,
    url: string,
  ) {
    super({ url });
  }
  override willSendRequest({ request }: GraphQLDataSourceProcessOptions) {
    request.http?.headers.set(
      CLAIMS_HEADER,
      signForwardedClaims(keys, {
        audience: this.subgraph,
        viewer: null,
        digest: requestDigest(request.query, request.variables),
      }),
    );
  }
}

async function main() {
  const server = new ApolloServer({
    gateway: new ApolloGateway({
      supergraphSdl: readFileSync(process.env.SUPERGRAPH_SDL_FILE!, 'utf8'),
      buildService: ({ name, url }) => new SigningDataSource(name, url!),
    }),
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(process.env.PORT), host: '127.0.0.1' },
  });
  console.log(JSON.stringify({ url }));
  // Exits normally on SIGTERM, so that a process run with --cpu-prof writes its profile.
  process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

void main();
