import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  composeWithLibrary,
  loadSubgraphs,
  MANIFEST_FILE,
  OPERATIONS_DIR,
  REPO_ROOT,
  runChecks,
  SCHEMA_DOC_FILE,
  SUPERGRAPH_CONFIG,
  SUPERGRAPH_FILE,
} from '../src';

const zooSchema = () => readFileSync(path.join(REPO_ROOT, 'services/zoo/schema.graphql'), 'utf8');
const animalSchema = () => readFileSync(path.join(REPO_ROOT, 'services/animal/schema.graphql'), 'utf8');
const check = (proposed?: { subgraph: string; sdl: string }) =>
  runChecks({
    configFile: SUPERGRAPH_CONFIG,
    supergraphFile: SUPERGRAPH_FILE,
    operationsDir: OPERATIONS_DIR,
    manifestFile: MANIFEST_FILE,
    schemaDocFile: SCHEMA_DOC_FILE,
    proposed,
    checkServedSdl: !proposed,
    preferRover: false,
  });

describe('the committed supergraph', () => {
  it('is exactly what composing supergraph.yaml without rover gives', () => {
    const composed = composeWithLibrary(loadSubgraphs(SUPERGRAPH_CONFIG));
    expect(composed.ok).toBe(true);
    expect(composed.ok && composed.supergraphSdl).toBe(readFileSync(SUPERGRAPH_FILE, 'utf8'));
  });

  it('passes every check as it stands: served SDL, composition, up to date, client operations, reference', async () => {
    const report = await check();
    expect(report.lines.filter((line) => line.startsWith('✖'))).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.lines).toContain('✔ zoo: schema.graphql is what its server serves');
    expect(report.lines).toContain('✔ the persisted query manifest is up to date');
    expect(report.lines).toContainEqual(
      expect.stringMatching(/docs\/schema\.md \(the schema reference\) is up to date$/),
    );
  });
});

describe('checking a proposed subgraph schema', () => {
  it('fails when a field that a stored operation uses is removed, naming the operation', async () => {
    // Zoo.name with its description block (the first `name: String!` in the file is Zoo's).
    const withoutName = zooSchema().replace(/\n {2}"""\n(?:(?! {2}""").*\n)*? {2}"""\n {2}name: String!/, '');
    expect(withoutName).not.toBe(zooSchema());
    const report = await check({ subgraph: 'zoo', sdl: withoutName });
    expect(report.ok).toBe(false);
    const output = report.lines.join('\n');
    expect(output).toContain('FIELD_REMOVED: Zoo.name was removed.');
    expect(output).toMatch(
      /MyZoosWithAnimals \(.*zoos-and-animals\.graphql\):\n\s+Cannot query field "name" on type "Zoo"\./,
    );
  });

  it('passes a safe additive change, with no breaking change reported', async () => {
    const withCity = zooSchema().replace(
      '  description: String\n',
      '  description: String\n  """\n  Where the zoo is.\n  """\n  city: String\n',
    );
    expect(withCity).not.toBe(zooSchema());
    const report = await check({ subgraph: 'zoo', sdl: withCity });
    expect(report.ok).toBe(true);
    expect(report.lines.join('\n')).not.toMatch(/breaking/);
  });

  it('fails a change that no longer composes, naming the subgraphs and the field', async () => {
    // animal says Zoo.id is an Int while zoo says ID: a type mismatch across subgraphs.
    const mismatched = animalSchema().replace(
      /(type Zoo @key\(fields: "id"\) \{\n(?: {2}.*\n)*?) {2}id: ID!/,
      '$1  id: Int!',
    );
    expect(mismatched).not.toBe(animalSchema());
    const report = await check({ subgraph: 'animal', sdl: mismatched });
    expect(report.ok).toBe(false);
    const output = report.lines.join('\n');
    expect(output).toMatch(/composition failed/);
    expect(output).toMatch(/Zoo\.id/);
    expect(output).toMatch(/"animal"/);
  });

  it('fails a conflicting @key with the subgraph named', async () => {
    const badKey = animalSchema().replace('type Zoo @key(fields: "id")', 'type Zoo @key(fields: "name")');
    const report = await check({ subgraph: 'animal', sdl: badKey });
    expect(report.ok).toBe(false);
    expect(report.lines.join('\n')).toMatch(/\[animal\]/);
  });

  it('refuses a subgraph that supergraph.yaml does not list', async () => {
    await expect(check({ subgraph: 'aquarium', sdl: 'type Query { fish: Int }' })).rejects.toThrow(
      /No subgraph named "aquarium"/,
    );
  });
});
