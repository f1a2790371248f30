// Reads Rover's supergraph.yaml (the one list of subgraphs) and composes their schema files with @apollo/composition.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import YAML from 'yaml';
import { z } from 'zod';

export interface SubgraphDefinition {
  name: string;
  url: string;
  /** Absolute path of the subgraph's schema.graphql. */
  schemaFile: string;
}

const supergraphYaml = z.object({
  federation_version: z.union([z.string(), z.number()]).optional(),
  subgraphs: z.record(
    z.string().regex(/^[a-z][a-z0-9_-]*$/, 'subgraph names are lower-case identifiers'),
    z.object({ routing_url: z.url(), schema: z.object({ file: z.string().min(1) }) }),
  ),
});

export class SupergraphConfigError extends Error {
  override name = 'SupergraphConfigError';
}

export function readSupergraphConfig(file: string): SubgraphDefinition[] {
  let raw: unknown;
  try {
    raw = YAML.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SupergraphConfigError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = supergraphYaml.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new SupergraphConfigError(`Invalid ${file}:\n${problems}`);
  }
  const base = path.dirname(path.resolve(file));
  return Object.entries(parsed.data.subgraphs).map(([name, subgraph]) => ({
    name,
    url: subgraph.routing_url,
    schemaFile: path.resolve(base, subgraph.schema.file),
  }));
}

export class CompositionFailed extends Error {
  override name = 'CompositionFailed';
}

/** Composes the subgraphs' SDL into a supergraph; throws with every composition error listed. */
export function composeSupergraph(subgraphs: { name: string; url: string; sdl: string }[]): string {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) {
    throw new CompositionFailed(`Composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

export function composeFromFiles(subgraphs: SubgraphDefinition[]): string {
  return composeSupergraph(subgraphs.map(({ name, url, schemaFile }) => ({ name, url, sdl: readFileSync(schemaFile, 'utf8') })));
}
