// The explorer: GraphiQL over the gateway that serves this page (docs and autocompletion from its introspection),
// with the sign-in bar above it. Signing in or out reconnects GraphiQL with the new access token.
import { GraphiQL } from 'graphiql';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { connectExplorer } from './fetcher';
import { refreshSession, signIn, signOut, type Session } from './session';
import { SignInBar } from './sign-in-bar';

/** The gateway's GraphQL endpoint: this page's own address. */
const endpoint = new URL(location.pathname, location.origin).href;

const DEFAULT_QUERY = `# The supergraph explorer. Sign in above to run operations as a user; the docs (book icon)
# list every field. Run with Ctrl-Enter. Subscriptions (e.g. starEarned) run over a WebSocket.

{
  me {
    username
    role
  }
}
`;

export function Explorer() {
  const [session, setSession] = useState<Session>();
  const connection = useMemo(() => connectExplorer(endpoint, session?.accessToken), [session?.accessToken]);
  useEffect(() => () => connection.dispose(), [connection]);

  // A minute before the access token expires, exchange the refresh token for a new pair; if that fails, the
  // session is over.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(
      () => refreshSession(endpoint, session).then(setSession, () => setSession(undefined)),
      Math.max(session.expiresIn - 60, 10) * 1000,
    );
    return () => clearTimeout(timer);
  }, [session]);

  const onSignIn = useCallback(async (username: string, password: string) => {
    setSession(await signIn(endpoint, username, password));
  }, []);
  const onSignOut = useCallback(() => {
    if (session) signOut(endpoint, session).catch(() => undefined);
    setSession(undefined);
  }, [session]);

  return (
    <div className="explorer">
      <SignInBar session={session} onSignIn={onSignIn} onSignOut={onSignOut} />
      <div className="explorer-graphiql">
        <GraphiQL fetcher={connection.fetcher} defaultQuery={DEFAULT_QUERY}>
          <GraphiQL.Logo>Supergraph</GraphiQL.Logo>
        </GraphiQL>
      </div>
    </div>
  );
}
