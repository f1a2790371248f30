// Signing in through the gateway's own mutations: login, refreshToken (before the access token expires) and
// logout. The session lives in the page's memory only (never in storage): a reload signs out, and nothing
// another script could read from localStorage outlives the tab.

export interface Session {
  username: string;
  role: string;
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token was valid for when it was issued. */
  expiresIn: number;
}

interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { username: string; role: string };
}

const AUTH_PAYLOAD = 'accessToken refreshToken expiresIn user { username role }';

/** One GraphQL request to the gateway; the first error's message is thrown. */
async function request<Data>(endpoint: string, query: string, variables: Record<string, unknown>): Promise<Data> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors[0]!.message);
  if (!body.data) throw new Error(`The gateway answered ${response.status} without data`);
  return body.data;
}

const sessionOf = ({ user, ...tokens }: AuthPayload): Session => ({ ...tokens, ...user });

export async function signIn(endpoint: string, username: string, password: string): Promise<Session> {
  const data = await request<{ login: AuthPayload }>(
    endpoint,
    `mutation ExplorerSignIn($input: LoginInput!) { login(input: $input) { ${AUTH_PAYLOAD} } }`,
    { input: { username, password } },
  );
  return sessionOf(data.login);
}

/** A new access token (and refresh token) for the session; the old refresh token is spent. */
export async function refreshSession(endpoint: string, session: Session): Promise<Session> {
  const data = await request<{ refreshToken: AuthPayload }>(
    endpoint,
    `mutation ExplorerRefresh($token: String!) { refreshToken(token: $token) { ${AUTH_PAYLOAD} } }`,
    { token: session.refreshToken },
  );
  return sessionOf(data.refreshToken);
}

/** Ends the session at the users service too, so its refresh token cannot be used again. */
export async function signOut(endpoint: string, session: Session): Promise<void> {
  await request(endpoint, 'mutation ExplorerSignOut($refreshToken: String!) { logout(refreshToken: $refreshToken) }', {
    refreshToken: session.refreshToken,
  });
}
