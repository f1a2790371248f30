// Reads Rover's supergraph.yaml (the one list of subgraphs) and composes their schema files with @apollo/composition.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, type GraphQLError } from 'graphql';
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

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
  /** Where the SDL came from, named in a syntax error (e.g. its schema file). */
  source?: string;
}

export type Composition = { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

/** One line per composition error: its code, then the message, which names the subgraphs and the type or field. */
function describe(error: GraphQLError): string {
  const code = typeof error.extensions?.code === 'string' ? `${error.extensions.code}: ` : '';
  return `${code}${error.message}`;
}

/** Composes the subgraphs' SDL with @apollo/composition; failures come back as readable lines, not thrown. */
export function composeSubgraphs(subgraphs: SubgraphSdl[]): Composition {
  const services = [];
  for (const subgraph of subgraphs) {
    try {
      services.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl) });
    } catch (error) {
      return {
        ok: false,
        errors: [`[${subgraph.name}] ${subgraph.source ? `${subgraph.source}: ` : ''}${(error as Error).message}`],
      };
    }
  }
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map(describe) };
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    hints: result.hints.map((hint) => `${hint.definition.code}: ${hint.message}`),
  };
}

/** Composes the subgraphs' SDL into a supergraph; throws with every composition error listed. */
export function composeSupergraph(subgraphs: SubgraphSdl[]): string {
  const result = composeSubgraphs(subgraphs);
  if (!result.ok)
    throw new CompositionFailed(`Composition failed:\n${result.errors.map((error) => `  - ${error}`).join('\n')}`);
  return result.supergraphSdl;
}
