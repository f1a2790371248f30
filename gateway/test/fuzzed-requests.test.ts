// Property-based fuzzing (fast-check) of the real gateway over the four real subgraphs, as a client on the
// internet reaches it (production mode): thousands of generated operations built from the supergraph's own
// schema (valid and broken arguments, variables, directives, aliases, mutations), random JSON and raw bodies,
// wrong content types and methods, odd, huge and forged headers, bad and tampered tokens.
//
// The property: no answer is a 5xx and none carries INTERNAL_SERVER_ERROR, except the cases in ALLOWED below
// (each explained); no request crashes anything (a crash fails the Jest process); and afterwards the gateway
// and every subgraph still serve an ordinary query and say they are ready.
//
// Deterministic: a fixed seed (FUZZ_SEED overrides it to explore); a failure prints the seed, the path and
// the request. Each property stops at its first counterexample rather than shrinking (shrinking re-sends
// requests for minutes).
import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { startGateway, startSupergraph, type ExtraGateway, type Supergraph } from './support/supergraph';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_215);
/** Runs per property: about 6 500 requests in all, well under a minute on a shared two-core machine. */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const RUNS = {
  operations: 4_000 * SCALE,
  bodies: 1_200 * SCALE,
  headers: 800 * SCALE,
  methods: 500 * SCALE,
};

/**
 * Internal errors a client may legitimately cause, each with why. Empty: every 5xx and every
 * INTERNAL_SERVER_ERROR this fuzzing has produced was a bug, and was fixed — an operationName naming no
 * operation (500), variables not fitting their types (500, thrown by the cost limit), a subscription posted
 * with `@include(if: "yes")` (500, graphql-js validation), DateTime/Date values the subgraphs refuse
 * (INTERNAL_SERVER_ERROR), malformed persisted-query extensions (400 with INTERNAL_SERVER_ERROR). A new
 * entry needs a reason a client can cause it that is not a defect.
 */
const ALLOWED: { why: string; matches(answer: Answer): boolean }[] = [];

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface Answer {
  status: number;
  text: string;
  json: any;
}

let supergraph: Supergraph;
let gateway: ExtraGateway;
let schema: GraphQLSchema;
/** Real ids and tokens, so that generated operations also reach real rows and signed-in paths. */
const real = { ids: [] as string[], tokens: [] as string[] };

beforeAll(async () => {
  supergraph = await startSupergraph();
  // What an attacker faces: production (masking, no introspection, no hints), no rate limit to hide behind.
  gateway = await startGateway(supergraph, { production: true });
  const introspection = await supergraph.query(getIntrospectionQuery());
  schema = buildClientSchema(introspection.data as unknown as IntrospectionQuery);

  for (const name of ['fuzz_owner', 'fuzz_other']) {
    const { viewer, auth } = await supergraph.signUp(name);
    real.ids.push(viewer.id);
    real.tokens.push(auth.authorization!.slice('Bearer '.length));
    const zoo = await supergraph.query(
      'mutation($input: CreateZooInput!) { createZoo(input: $input) { id } }',
      { input: { name: `${name} zoo`, description: 'fuzzed' } },
      auth,
    );
    const zooId = zoo.data!.createZoo.id as string;
    real.ids.push(zooId);
    for (const animal of ['Aardvark', 'Bison']) {
      const created = await supergraph.query(
        'mutation($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }',
        { input: { name: `${animal} of ${name}`, species: animal, zooId } },
        auth,
      );
      real.ids.push(created.data!.createAnimal.id as string);
    }
  }
  const admin = supergraph.accessTokenFor({ id: real.ids[0]!, role: 'ADMIN' });
  real.tokens.push(admin);
});
afterAll(async () => {
  await gateway?.stop();
  await supergraph?.close();
});

// ---------------------------------------------------------------------------------------------------------
// Sending, and the property every answer must keep.

async function send(request: FuzzRequest): Promise<Answer> {
  const response = await fetch(new URL(request.path, gateway.url), {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined && { body: request.body }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

const internalErrors = (answer: Answer) =>
  (Array.isArray(answer.json?.errors) ? answer.json.errors : []).filter(
    (error: any) => error?.extensions?.code === 'INTERNAL_SERVER_ERROR',
  );

/** Throws, describing the request and the answer, when the answer breaks the property. */
async function expectNoInternalError(request: FuzzRequest): Promise<void> {
  const answer = await send(request);
  const broken = answer.status >= 500 || internalErrors(answer).length > 0;
  if (!broken || ALLOWED.some((allowed) => allowed.matches(answer))) return;
  const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text);
  const shown = {
    ...request,
    headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, clip(value)])),
    body: request.body && clip(request.body),
  };
  throw new Error(
    `HTTP ${answer.status} for\n${JSON.stringify(shown, null, 2)}\nanswer: ${answer.text.slice(0, 2_000)}`,
  );
}

const settings = <T>(numRuns: number): fc.Parameters<T> => ({ seed: SEED, numRuns, endOnFailure: true });

// ---------------------------------------------------------------------------------------------------------
// Values: a GraphQL literal and the same value as JSON (for variables).

interface Value {
  literal: string;
  json: unknown;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** Any JSON value written as a GraphQL literal (object keys that are not names are dropped). */
function literalOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literalOf).join(', ')}]`;
  const fields = Object.entries(value as Record<string, unknown>).filter(([key]) => NAME.test(key));
  return `{${fields.map(([key, field]) => `${key}: ${literalOf(field)}`).join(', ')}}`;
}

const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });
const plain = (arbitrary: fc.Arbitrary<unknown>) => arbitrary.map((json) => ({ literal: literalOf(json), json }));

/** Opaque cursors as a client might forge them: base64url of random JSON, of odd text, or random text. */
const cursor = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    // Shaped like the real ones (base64url of a JSON array of key parts), with parts of any kind.
    fc
      .array(
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.integer(),
          fc.double(),
          fc.uuid(),
          fc.constantFrom(...real.ids),
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
        ),
        { minLength: 1, maxLength: 3 },
      )
      .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url')),
    anyJson.map((json) => Buffer.from(JSON.stringify(json)).toString('base64url')),
    fc
      .tuple(fc.string({ maxLength: 20 }), fc.uuid(), fc.integer())
      .map((parts) => Buffer.from(JSON.stringify(parts)).toString('base64url')),
    fc.string({ maxLength: 30 }),
  );

function scalarValue(name: string, argument: string): fc.Arbitrary<Value> {
  switch (name) {
    case 'Int':
      return plain(fc.oneof(fc.integer({ min: -3, max: 150 }), fc.integer(), fc.constantFrom(2025, 2026, 1, 2)));
    case 'Float':
      return plain(fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'Boolean':
      return plain(fc.boolean());
    case 'ID':
      return plain(fc.oneof(fc.constantFrom(...real.ids), fc.uuid(), fc.string({ maxLength: 40 }), fc.constant('')));
    case 'DateTime':
    case 'Date':
      return plain(
        fc.oneof(
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
          fc.string({ maxLength: 30 }),
        ),
      );
    default:
      // String: text of every kind; `after` gets cursors.
      return plain(
        argument === 'after'
          ? cursor()
          : fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constant('')),
      );
  }
}

const valueCache = new Map<string, fc.Arbitrary<Value>>();

/** A value of `type` (mostly well-typed; null where nullable), for argument or input field `argument`. */
function valueOf(type: GraphQLInputType, argument: string, depth = 0): fc.Arbitrary<Value> {
  const key = `${String(type)}|${argument}|${depth}`;
  const cached = valueCache.get(key);
  if (cached) return cached;
  let arbitrary: fc.Arbitrary<Value>;
  if (isNonNullType(type)) arbitrary = valueOf(type.ofType, argument, depth);
  else if (isListType(type))
    arbitrary = fc.array(valueOf(type.ofType, argument, depth + 1), { maxLength: 3 }).map((items) => ({
      literal: `[${items.map((item) => item.literal).join(', ')}]`,
      json: items.map((i) => i.json),
    }));
  else if (isEnumType(type)) {
    const names = type.getValues().map((value) => value.name);
    arbitrary = fc.constantFrom(...names).map((name) => ({ literal: name, json: name }));
  } else if (isScalarType(type)) arbitrary = scalarValue(type.name, argument);
  else if (isInputObjectType(type) && depth < 3) {
    const fields = Object.values(type.getFields());
    arbitrary = fc
      .tuple(
        ...fields.map((field) =>
          isNonNullType(field.type)
            ? valueOf(field.type, field.name, depth + 1).map((value) => [field.name, value] as const)
            : fc.option(
                valueOf(field.type, field.name, depth + 1).map((value) => [field.name, value] as const),
                {
                  freq: 2,
                },
              ),
        ),
      )
      .map((entries) => {
        const present = entries.filter((entry): entry is readonly [string, Value] => entry !== null);
        return {
          literal: `{${present.map(([name, value]) => `${name}: ${value.literal}`).join(', ')}}`,
          json: Object.fromEntries(present.map(([name, value]) => [name, value.json])),
        };
      });
  } else arbitrary = fc.constant({ literal: 'null', json: null });
  if (!isNonNullType(type) && !isListType(type))
    arbitrary = fc.oneof(
      { weight: 9, arbitrary },
      { weight: 1, arbitrary: fc.constant({ literal: 'null', json: null }) },
    );
  valueCache.set(key, arbitrary);
  return arbitrary;
}

// ---------------------------------------------------------------------------------------------------------
// Operations from the schema: text with `$__VAR__` placeholders, and the variables they stand for, in order.

interface Piece {
  text: string;
  variables: { type: string; json: unknown }[];
}

const join = (pieces: Piece[], separator = ' '): Piece => ({
  text: pieces.map((piece) => piece.text).join(separator),
  variables: pieces.flatMap((piece) => piece.variables),
});

/** An argument: a well-typed literal, a variable (well-typed or any JSON), or a literal of any JSON. */
function argumentOf(name: string, type: GraphQLInputType): fc.Arbitrary<Piece> {
  return fc.oneof(
    {
      weight: 12,
      arbitrary: valueOf(type, name).map((value) => ({ text: `${name}: ${value.literal}`, variables: [] })),
    },
    {
      weight: 3,
      arbitrary: fc
        .oneof(
          { weight: 9, arbitrary: valueOf(type, name).map((value) => value.json) },
          { weight: 1, arbitrary: anyJson },
        )
        .map((json) => ({ text: `${name}: $__VAR__`, variables: [{ type: String(type), json }] })),
    },
    { weight: 1, arbitrary: anyJson.map((json) => ({ text: `${name}: ${literalOf(json)}`, variables: [] })) },
  );
}

/** Mostly none; sometimes valid ones; rarely wrong ones (a bad directive makes the whole operation invalid). */
const DIRECTIVES = fc.oneof(
  { weight: 30, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.constantFrom(' @include(if: true)', ' @skip(if: false)', ' @skip(if: true)') },
  { weight: 1, arbitrary: fc.constantFrom(' @include(if: "yes")', ' @deprecated', ' @nope', ' @skip') },
);

const selectionCache = new Map<string, fc.Arbitrary<Piece>>();

/** A selection set on `type`, `depth` levels deep at most. */
function selectionOf(type: GraphQLNamedType, depth: number): fc.Arbitrary<Piece> {
  const key = `${type.name}|${depth}`;
  const cached = selectionCache.get(key);
  if (cached) return cached;
  let arbitrary: fc.Arbitrary<Piece>;
  if (isAbstractType(type)) {
    const possible = [...schema.getPossibleTypes(type)];
    arbitrary =
      depth <= 0
        ? fc.constant({ text: '__typename', variables: [] })
        : fc
            .subarray(possible, { minLength: 1, maxLength: 2 })
            .chain((types) =>
              fc.tuple(...types.map((member) => selectionOf(member, depth - 1))).map((sets) => ({ types, sets })),
            )
            .map(({ types, sets }) =>
              join([
                { text: '__typename', variables: [] },
                ...sets.map((set, index) => ({ ...set, text: `... on ${types[index]!.name} { ${set.text} }` })),
              ]),
            );
  } else if (isObjectType(type)) {
    const fields = Object.values(type.getFields());
    arbitrary = fc
      .subarray(fields, { minLength: 1, maxLength: Math.min(fields.length, depth > 1 ? 3 : 4) })
      .chain((chosen) => fc.tuple(...chosen.map((field) => fieldOf(field, depth))))
      .map((pieces) => join(pieces));
  } else arbitrary = fc.constant({ text: '__typename', variables: [] });
  selectionCache.set(key, arbitrary);
  return arbitrary;
}

function fieldOf(field: GraphQLField<unknown, unknown>, depth: number): fc.Arbitrary<Piece> {
  const returned = getNamedType(field.type);
  const leaf = isLeafType(returned);
  const argumentsOf = fc
    .tuple(
      ...field.args.map((argument) =>
        isNonNullType(argument.type)
          ? fc.oneof(
              { weight: 19, arbitrary: argumentOf(argument.name, argument.type) },
              { weight: 1, arbitrary: fc.constant(null) },
            )
          : fc.option(argumentOf(argument.name, argument.type), { freq: 2 }),
      ),
    )
    .map((pieces) => pieces.filter((piece): piece is Piece => piece !== null));
  const below: fc.Arbitrary<Piece | null> = leaf
    ? fc.constant(null)
    : depth > 0
      ? selectionOf(returned, depth - 1)
      : fc.constant({ text: '__typename', variables: [] });
  return fc
    .tuple(fc.option(fc.integer({ min: 0, max: 99 }), { freq: 3 }), argumentsOf, DIRECTIVES, below)
    .map(([aliasNumber, args, directive, selection]) => {
      // Aliases named after their field rarely collide (a collision is a validation error, which is fine).
      const alias = aliasNumber === null ? null : `${field.name}_${aliasNumber}`;
      const argumentText = args.length ? `(${join(args, ', ').text})` : '';
      return {
        text: `${alias ? `${alias}: ` : ''}${field.name}${argumentText}${directive}${selection ? ` { ${selection.text} }` : ''}`,
        variables: [...args.flatMap((arg) => arg.variables), ...(selection?.variables ?? [])],
      };
    });
}

/** A whole operation and its variables, sometimes broken afterwards (cut, spliced, retyped). */
function operations(): fc.Arbitrary<{ query: string; variables: Record<string, unknown>; operationName?: unknown }> {
  const roots = [
    { weight: 14, keyword: 'query', type: schema.getQueryType() },
    { weight: 4, keyword: 'mutation', type: schema.getMutationType() },
    { weight: 1, keyword: 'subscription', type: schema.getSubscriptionType() },
  ].filter((root) => root.type);
  const operation = fc
    .oneof(
      ...roots.map((root) => ({
        weight: root.weight,
        arbitrary: fc
          .tuple(fc.integer({ min: 0, max: 3 }), fc.boolean())
          .chain(([depth, named]) => selectionOf(root.type!, depth).map((selection) => ({ root, selection, named }))),
      })),
    )
    .map(({ root, selection, named }) => {
      let index = 0;
      const text = selection.text.replace(/\$__VAR__/g, () => `$v${index++}`);
      const definitions = selection.variables.map((variable, position) => `$v${position}: ${variable.type}`);
      const header = `${root.keyword}${named ? ' Fuzzed' : ''}${definitions.length ? `(${definitions.join(', ')})` : ''}`;
      return {
        query: `${header} { ${text} }`,
        variables: Object.fromEntries(selection.variables.map((variable, position) => [`v${position}`, variable.json])),
      };
    });
  const broken = fc
    .tuple(operation, fc.nat(), fc.string({ maxLength: 5 }), fc.constantFrom('cut', 'splice', 'duplicate'))
    .map(([{ query, variables }, at, text, how]) => {
      const position = at % (query.length + 1);
      const mangled =
        how === 'cut'
          ? query.slice(0, position)
          : how === 'splice'
            ? `${query.slice(0, position)}${text}${query.slice(position)}`
            : `${query} ${query}`;
      return { query: mangled, variables };
    });
  return fc
    .tuple(
      fc.oneof({ weight: 4, arbitrary: operation }, { weight: 1, arbitrary: broken }),
      fc.oneof(
        { weight: 12, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.oneof(fc.constant('Fuzzed'), fc.string({ maxLength: 8 }), anyJson) },
      ),
    )
    .map(([request, operationName]) => (operationName === null ? request : { ...request, operationName }));
}

// ---------------------------------------------------------------------------------------------------------
// Headers and bodies.

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) });
const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);

function authorization(): fc.Arbitrary<string | null> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: fc.constantFrom(...real.tokens).map((token) => `Bearer ${token}`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...real.tokens), fc.nat(), fc.constantFrom('A', 'b', '.', '-', '_'))
        .map(([token, at, char]) => {
          const position = at % token.length;
          return `Bearer ${token.slice(0, position)}${char}${token.slice(position + 1)}`;
        }),
    },
    {
      weight: 2,
      arbitrary: fc.oneof(
        printable.map((text) => `Bearer ${text}`),
        printable,
        fc.constantFrom('Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'bearer x.y.z', 'Bearer a.b.c'),
        fc.nat({ max: 20_000 }).map((length) => `Bearer ${'a'.repeat(length)}`),
      ),
    },
  );
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/graphql',
  'application/graphql-response+json',
  'multipart/form-data; boundary=fuzz',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
];

function headers(contentType: fc.Arbitrary<string | null>): fc.Arbitrary<Record<string, string>> {
  const extra = fc.dictionary(
    fc.oneof(
      headerName,
      fc.constantFrom(
        'traceparent',
        'x-request-id',
        'x-forwarded-for',
        'x-supergraph-claims',
        'apollo-require-preflight',
        'x-apollo-operation-name',
        'origin',
        'accept',
        'accept-encoding',
        'cookie',
      ),
    ),
    fc.oneof(
      printable,
      fc.nat({ max: 20_000 }).map((length) => 'x'.repeat(length)),
    ),
    { maxKeys: 4 },
  );
  return fc.tuple(contentType, authorization(), extra).map(([type, auth, more]) => ({
    ...more,
    ...(type !== null && { 'content-type': type }),
    ...(auth !== null && { authorization: auth }),
  }));
}

/** Mostly what a client sends (JSON, no token or a real one); sometimes anything headers() makes. */
const clientHeaders = (): fc.Arbitrary<Record<string, string>> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .option(fc.constantFrom(...real.tokens), { freq: 2 })
        .map((token) => ({ 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) })),
    },
    { weight: 1, arbitrary: headers(jsonContent) },
  );

const jsonContent = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
);

/** Bodies that are not a well-formed operation: random JSON, fields of the wrong type, raw text, batches. */
const bodies: fc.Arbitrary<string> = fc.oneof(
  anyJson.map((json) => JSON.stringify(json)),
  fc
    .record(
      {
        query: fc.oneof(fc.string({ maxLength: 200 }), anyJson),
        variables: anyJson,
        operationName: anyJson,
        extensions: fc.oneof(
          anyJson,
          fc.record({
            persistedQuery: fc.record({
              version: fc.oneof(fc.constant(1), anyJson),
              sha256Hash: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), anyJson),
            }),
          }),
        ),
      },
      { requiredKeys: [] },
    )
    .map((body) => JSON.stringify(body)),
  fc
    .array(fc.record({ query: fc.constantFrom('{ users { totalCount } }', '{ me { id } }') }), { maxLength: 3 })
    .map((batch) => JSON.stringify(batch)),
  fc.string({ maxLength: 300 }),
  fc.constantFrom('', '{', 'null', '[]', '"x"', '{"query":"{"}', '{"query":"{ users { totalCount } }"}'),
  fc.nat({ max: 300_000 }).map((length) => JSON.stringify({ query: `{ users { totalCount } }${' '.repeat(length)}` })),
);

// ---------------------------------------------------------------------------------------------------------

// Each case sends a thousand or more requests: about a minute alone, more on a loaded machine. The limit only
// catches a hang; speed is the bench's business.
jest.setTimeout(240_000);

describe('fuzzed requests to the gateway (production, over the four real subgraphs)', () => {
  it('never answers a schema-built operation, valid or broken, with an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(operations(), clientHeaders(), async (operation, sent) => {
        await expectNoInternalError({
          method: 'POST',
          path: '/graphql',
          headers: sent,
          body: JSON.stringify(operation),
        });
      }),
      settings(RUNS.operations),
    );
  });

  it('never answers random bodies and content types with an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodies,
        headers(fc.option(fc.constantFrom(...CONTENT_TYPES), { freq: 10 })),
        async (body, sent) => {
          await expectNoInternalError({ method: 'POST', path: '/graphql', headers: sent, body });
        },
      ),
      settings(RUNS.bodies),
    );
  });

  it('never answers odd, huge or forged headers and tokens with an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(
        headers(jsonContent),
        fc.constantFrom('{ me { id username } }', '{ users(first: 2) { totalCount } }'),
        async (sent, query) => {
          await expectNoInternalError({
            method: 'POST',
            path: '/graphql',
            headers: sent,
            body: JSON.stringify({ query }),
          });
        },
      ),
      settings(RUNS.headers),
    );
  });

  it('never answers other methods, paths and query strings with an internal error', async () => {
    const paths = fc.oneof(
      fc.constantFrom('/graphql', '/graphql/stream', '/ready', '/health', '/metrics', '/.well-known/jwks.json', '/'),
      fc
        .tuple(
          fc.constantFrom('/graphql', '/graphql/stream'),
          fc.dictionary(
            fc.constantFrom('query', 'variables', 'operationName', 'extensions', 'x'),
            fc.string({ maxLength: 60 }),
            { maxKeys: 3 },
          ),
        )
        .map(([path, params]) => `${path}?${new URLSearchParams(params).toString()}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        paths,
        headers(fc.option(fc.constantFrom(...CONTENT_TYPES), { freq: 3 })),
        fc.option(bodies, { freq: 2 }),
        async (method, path, sent, body) => {
          const withBody = method !== 'GET' && method !== 'HEAD' && body !== null;
          await expectNoInternalError({ method, path, headers: sent, ...(withBody && { body }) });
        },
      ),
      settings(RUNS.methods),
    );
  });

  it('refuses the subscriptions fuzzing found crashing validation or planning, over SSE, as client errors', async () => {
    const subscribe = async (query: string) => {
      const controller = new AbortController();
      const response = await fetch(`${gateway.baseUrl}/graphql/stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query }),
        signal: controller.signal,
      });
      const body = response.status === 200 ? undefined : ((await response.json()) as any);
      controller.abort();
      return { status: response.status, code: body?.errors?.[0]?.extensions?.code };
    };
    // graphql-js threw inside validation; the planner got no root field to plan.
    expect(await subscribe('subscription { starEarned(year: 2025) @include(if: "yes") { part } }')).toEqual({
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    });
    expect(await subscribe('subscription { starEarned(year: 2025) @include(if: false) { part } }')).toEqual({
      status: 400,
      code: 'BAD_REQUEST',
    });
    // The same over POST /graphql: refused as a subscription, not a 500.
    const posted = await gateway.query('subscription { starEarned(year: 2025) @include(if: "yes") { part } }');
    expect([posted.status, posted.body.errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
    // A subscriber that asks properly is served.
    expect(await subscribe('subscription { starEarned(year: 2025) @include(if: true) { part } }')).toEqual({
      status: 200,
      code: undefined,
    });
  });

  it('leaves the gateway and every subgraph healthy: an ordinary client is served, /ready says ready', async () => {
    // A new user (the fuzzed mutations may have renamed or deleted the ones above), through every subgraph.
    const { auth } = await supergraph.signUp('fuzz_after');
    const created = await gateway.query(
      'mutation($input: CreateZooInput!) { createZoo(input: $input) { id } }',
      { input: { name: 'After the fuzz', description: '' } },
      auth,
    );
    expect(created.body.errors).toBeUndefined();
    const answer = await gateway.query(
      '{ me { username zoos(first: 5) { edges { node { name animals(first: 5) { totalCount } } } } stars(year: 2025) } }',
      undefined,
      auth,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.me).toEqual({
      username: 'fuzz_after',
      zoos: { edges: [{ node: { name: 'After the fuzz', animals: { totalCount: 0 } } }] },
      stars: 0,
    });
    expect((await fetch(`${gateway.baseUrl}/health`)).status).toBe(200);
    expect(await (await fetch(`${gateway.baseUrl}/ready`)).json()).toEqual({ status: 'ready' });
  });
});
