import { createPublicKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import {
  codeOf,
  LOGIN,
  REGISTER,
  register,
  startUsersSubgraph,
  TOKEN_AUDIENCE,
  type UsersSubgraph,
} from './support/users-subgraph';

let users: UsersSubgraph;
beforeAll(async () => {
  users = await startUsersSubgraph();
});
afterAll(() => users.close());

describe('register and login', () => {
  it('registers an account and returns a session whose access token verifies against the published JWKS', async () => {
    const result = await users.graphql(REGISTER, {
      input: { username: 'Carol_1', email: 'carol@example.com', password: 'a long password' },
    });
    expect(result.errors).toBeUndefined();
    const payload = result.data!.register;
    expect(payload.user).toMatchObject({ username: 'Carol_1', role: 'USER' });
    expect(payload.expiresIn).toBe(900);
    expect(payload.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const jwks = (await (await fetch(`${users.baseUrl}/.well-known/jwks.json`)).json()) as { keys: any[] };
    const header = jwt.decode(payload.accessToken, { complete: true })!.header;
    const jwk = jwks.keys.find((key) => key.kid === header.kid);
    expect(jwk).toMatchObject({ alg: 'ES256', use: 'sig', kty: 'EC' });
    expect(jwk.d).toBeUndefined(); // never the private part
    const claims = jwt.verify(payload.accessToken, createPublicKey({ key: jwk, format: 'jwk' }), {
      algorithms: ['ES256'],
      ...TOKEN_AUDIENCE,
    }) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: payload.user.id, role: 'USER' });
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(typeof claims.jti).toBe('string');
  });

  it('stores the password as an Argon2id hash, never in clear', async () => {
    await register(users, 'dave', 'dave-password-1');
    const [row] = await users.sql<{ password_hash: string }>("select password_hash from users where username = 'dave'");
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(row!.password_hash).not.toContain('dave-password-1');
  });

  it('logs in with the right password, by username in any case', async () => {
    await register(users, 'erin', 'erin-password-1');
    const result = await users.graphql(LOGIN, { input: { username: 'ERIN', password: 'erin-password-1' } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.login.user.username).toBe('erin');
  });

  it('refuses a wrong password and an unknown username with the same UNAUTHENTICATED answer', async () => {
    await register(users, 'frank', 'frank-password-1');
    const wrong = await users.graphql(LOGIN, { input: { username: 'frank', password: 'not-the-password' } });
    const unknown = await users.graphql(LOGIN, { input: { username: 'nobody-here', password: 'not-the-password' } });
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    expect(unknown.errors).toEqual(wrong.errors);
    expect(wrong.data).toBeNull();
  });

  it('answers `me` for the viewer in the gateway claims, and null when anonymous', async () => {
    const { viewer } = await register(users, 'grace');
    const me = await users.graphql('{ me { id username email } }', undefined, { viewer });
    expect(me.data!.me).toEqual({ id: viewer.id, username: 'grace', email: 'grace@example.com' });
    const anonymous = await users.graphql('{ me { id } }', undefined, { viewer: null });
    expect(anonymous.data!.me).toBeNull();
  });
});
