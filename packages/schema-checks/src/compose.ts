// Composes the supergraph like `rover supergraph compose`: with the rover binary when one is installed and
// works, otherwise with @apollo/composition on the same inputs (supergraph.yaml and the schema files).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { composeSubgraphs, readSupergraphConfig, type SubgraphDefinition } from '@supergraph/composition';

export interface SubgraphSource extends SubgraphDefinition {
  sdl: string;
}

export type CompositionOutcome =
  | { ok: true; supergraphSdl: string; tool: 'rover' | '@apollo/composition'; hints: string[] }
  | { ok: false; errors: string[]; tool: 'rover' | '@apollo/composition' };

/** The subgraphs of supergraph.yaml with their SDL; `replace` swaps one subgraph's SDL (a proposed change). */
export function loadSubgraphs(configFile: string, replace?: { name: string; sdl: string }): SubgraphSource[] {
  const subgraphs = readSupergraphConfig(configFile);
  if (replace && !subgraphs.some((subgraph) => subgraph.name === replace.name)) {
    throw new Error(
      `No subgraph named "${replace.name}" in ${configFile} (there are: ${subgraphs.map((s) => s.name).join(', ')})`,
    );
  }
  return subgraphs.map((subgraph) => ({
    ...subgraph,
    sdl: replace?.name === subgraph.name ? replace.sdl : readFileSync(subgraph.schemaFile, 'utf8'),
  }));
}

export function composeWithLibrary(subgraphs: SubgraphSource[]): CompositionOutcome {
  return {
    ...composeSubgraphs(subgraphs.map((subgraph) => ({ ...subgraph, source: subgraph.schemaFile }))),
    tool: '@apollo/composition',
  };
}

/** The rover binary, if one is on PATH (or in node_modules/.bin) and runs. */
export function roverAvailable(): boolean {
  try {
    execFileSync('rover', ['--version'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

function composeWithRover(configFile: string): CompositionOutcome {
  try {
    const supergraphSdl = execFileSync(
      'rover',
      ['supergraph', 'compose', '--config', configFile, '--elv2-license', 'accept'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120_000,
      },
    );
    return { ok: true, tool: 'rover', supergraphSdl, hints: [] };
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message);
    return { ok: false, tool: 'rover', errors: stderr.split('\n').filter((line) => line.trim()) };
  }
}

/**
 * Composes what supergraph.yaml lists. Rover is used only for the files as they are on disk; a proposed
 * schema for one subgraph (`replace`) is composed with @apollo/composition.
 */
export function composeFromConfig(
  configFile: string,
  replace?: { name: string; sdl: string },
  preferRover = true,
): CompositionOutcome {
  if (preferRover && !replace && roverAvailable()) {
    const viaRover = composeWithRover(configFile);
    if (viaRover.ok) return viaRover;
    // Rover fails for reasons of its own too: offline, it cannot download its composition plugin. The
    // library applies the same composition rules to the same files, so its verdict stands; a real
    // composition error fails both.
    const viaLibrary = composeWithLibrary(loadSubgraphs(configFile));
    if (!viaLibrary.ok) return viaLibrary;
    const reason = viaRover.errors[0] ?? 'no output';
    return {
      ...viaLibrary,
      hints: [`rover could not compose (${reason}); used @apollo/composition`, ...viaLibrary.hints],
    };
  }
  return composeWithLibrary(loadSubgraphs(configFile, replace));
}
