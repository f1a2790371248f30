// The users subgraph, described once: its schema, migrations, resolvers, what each request sees, the JWKS
// its access tokens are verified with, its scheduled purge and the demo accounts of development.
import path from 'node:path';
import { publicJwks } from '@supergraph/auth';
import { defineService } from '@supergraph/subgraph';
import { loadSettings, type UsersSettings } from './config';
import type { UsersContext } from './context';
import { createCredentialLimit } from './credential-limit';
import { migrations } from './db/migrations';
import type { Database } from './db/schema';
import { usersJobs } from './jobs';
import { createLoaders } from './loaders';
import { createLoginProtection } from './login-protection';
import { createPasswords } from './passwords';
import { resolvers } from './resolvers';
import { seedDemoUsers } from './seed';

export const service = defineService<UsersSettings, Database, UsersContext>({
  name: 'users',
  schemaFile: path.join(__dirname, '..', 'schema.graphql'),
  migrations,
  loadSettings,
  resolvers,
  context({ db, pool, settings, publish }) {
    const loginProtection = createLoginProtection(pool, settings.loginProtection);
    const credentialLimit = createCredentialLimit(pool, settings.credentialLimit);
    const passwords = createPasswords(settings.passwordHashing);
    return (request) => ({
      ...request,
      db,
      sessions: settings.sessions,
      loginProtection,
      credentialLimit,
      passwords,
      publish,
      loaders: createLoaders(db),
    });
  },
  routes(app, { settings }) {
    const jwks = publicJwks([settings.sessions.signingKey]);
    app.get('/.well-known/jwks.json', (_req, res) => {
      res.set('cache-control', 'public, max-age=300').json(jwks);
    });
  },
  jobs: usersJobs,
  async prepare(db, logger, settings) {
    if (!settings.seedDemoData) return;
    const created = await seedDemoUsers(db);
    if (created.length) logger.info({ users: created }, 'created demo accounts');
  },
});
