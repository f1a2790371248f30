// The puzzle subgraph on a fresh database, with a clock the test moves by hand.
import { randomUUID } from 'node:crypto';
import { CLAIMS_HEADER, requestDigest, signForwardedClaims, type Viewer } from '@supergraph/auth';
import { createPool } from '@supergraph/db';
import type { ServiceOptions } from '@supergraph/subgraph';
import {
  startServiceHarness,
  testKeys,
  testServiceOptions,
  type GraphQLResponse,
  type SubgraphHarness,
} from '@supergraph/testing';
import { DEFAULT_COOLDOWN, service, type PuzzleServiceSettings } from '../../src';

export interface PuzzleTestbed {
  puzzle: SubgraphHarness;
  clock: { now: Date; set(iso: string): void; advance(seconds: number): void };
  admin: Viewer;
  settings: PuzzleServiceSettings;
  close(): Promise<void>;
}

export async function startPuzzleTestbed(settings: { maxLeaderboardMembers?: number } = {}): Promise<PuzzleTestbed> {
  const clock = {
    now: new Date('2026-12-01T12:00:00.000Z'),
    set(iso: string) {
      clock.now = new Date(iso);
    },
    advance(seconds: number) {
      clock.now = new Date(clock.now.getTime() + seconds * 1000);
    },
  };
  const serviceSettings: PuzzleServiceSettings = {
    answerSecret: 'puzzle-test-answer-secret-of-decent-length',
    cooldown: DEFAULT_COOLDOWN,
    maxLeaderboardMembers: settings.maxLeaderboardMembers ?? 200,
  };
  const puzzle = await startServiceHarness(service, { settings: serviceSettings, now: () => clock.now });
  return {
    puzzle,
    clock,
    admin: { id: randomUUID(), role: 'ADMIN' },
    settings: serviceSettings,
    close: () => puzzle.close(),
  };
}

export interface PuzzleReplica {
  url: string;
  /** Its operations port's GET /metrics. */
  metricsUrl: string;
  /** A POST signed by the test gateway, as the harness's graphql(). */
  graphql(query: string, variables: Record<string, unknown>, viewer: Viewer | null): Promise<GraphQLResponse>;
  stop(): Promise<void>;
}

/**
 * Another replica of the testbed's service: the same database and settings, its own process state; with
 * `redis`, its live updates go through Redis instead of Postgres.
 */
export async function startPuzzleReplica(
  testbed: PuzzleTestbed,
  options: Pick<ServiceOptions<unknown>, 'redis'> = {},
): Promise<PuzzleReplica> {
  const server = service.createServer({
    ...testServiceOptions('puzzle'),
    pool: createPool({ connectionString: testbed.puzzle.databaseUrl, maxConnections: 3 }),
    settings: testbed.settings,
    now: () => testbed.clock.now,
    ...(options.redis && { redis: options.redis }),
  });
  const { url, metricsUrl } = await server.listen(0);
  return {
    url,
    metricsUrl,
    async graphql(query, variables, viewer) {
      const claims = signForwardedClaims(testKeys('gateway'), {
        audience: 'puzzle',
        viewer,
        digest: requestDigest(query, variables),
      });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: claims },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    stop: () => server.stop(),
  };
}

export const newUser = (): Viewer => ({ id: randomUUID(), role: 'USER' });

export const CREATE_PUZZLE = /* GraphQL */ `
  mutation CreatePuzzle($input: CreatePuzzleInput!) {
    createPuzzle(input: $input) {
      id
      year
      day
      title
      unlocksAt
      unlocked
    }
  }
`;

export const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitAnswerInput!) {
    submitAnswer(input: $input) {
      correct
      verdict
      starsEarned
      retryAfterSeconds
    }
  }
`;

export async function createPuzzle(
  testbed: PuzzleTestbed,
  fields: { year?: number; day: number; answerPart1?: string; answerPart2?: string; unlocksAt?: string },
): Promise<string> {
  const input = {
    year: 2026,
    title: `Day ${fields.day}`,
    description: `The elves need help on day ${fields.day}.`,
    input: '1\n2\n3\n',
    answerPart1: '6',
    answerPart2: 'forty-two',
    ...fields,
  };
  const result = await testbed.puzzle.graphql(CREATE_PUZZLE, { input }, { viewer: testbed.admin });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.createPuzzle.id;
}

export async function submit(testbed: PuzzleTestbed, viewer: Viewer, puzzleId: string, part: number, answer: string) {
  return testbed.puzzle.graphql(SUBMIT, { input: { puzzleId, part, answer } }, { viewer });
}

export const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
  result.errors?.[0]?.extensions?.code;
