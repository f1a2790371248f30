// What `npm run compose` writes: the supergraph, the persisted query manifest of the stored client operations
// and the schema reference. Nothing is written when composition fails; a file already up to date is left alone.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeFromConfig, type CompositionOutcome } from './compose';
import { buildManifest, manifestText } from './manifest';
import { schemaDocument } from './schema-doc';

export interface ComposeTargets {
  configFile: string;
  supergraphFile: string;
  operationsDir: string;
  manifestFile: string;
  schemaDocFile: string;
  preferRover?: boolean;
}

export interface WrittenFile {
  file: string;
  changed: boolean;
}

export type ComposeResult =
  (Extract<CompositionOutcome, { ok: true }> & { files: WrittenFile[] }) | Extract<CompositionOutcome, { ok: false }>;

function writeIfChanged(file: string, content: string): WrittenFile {
  let previous: string | undefined;
  try {
    previous = readFileSync(file, 'utf8');
  } catch {
    // first time
  }
  if (previous === content) return { file, changed: false };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return { file, changed: true };
}

export function composeAndWrite(targets: ComposeTargets): ComposeResult {
  const outcome = composeFromConfig(targets.configFile, undefined, targets.preferRover);
  if (!outcome.ok) return outcome;
  const contents: [string, string][] = [
    [targets.supergraphFile, outcome.supergraphSdl],
    [targets.manifestFile, manifestText(buildManifest(targets.operationsDir))],
    [targets.schemaDocFile, schemaDocument(outcome.supergraphSdl, targets.operationsDir, targets.schemaDocFile)],
  ];
  return { ...outcome, files: contents.map(([file, content]) => writeIfChanged(file, content)) };
}
