// `--profile <process>`: that process runs under V8's CPU profiler (`node --cpu-prof`), writes a
// `.cpuprofile` as it exits, and the bench summarizes it: self time by package (node_modules/<pkg>, our
// workspace packages, node: internals, GC and the other VM states) and by function, top 20 of each.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Processes the bench starts and can profile. */
export const PROFILABLE = [
  'gateway',
  'users',
  'zoo',
  'animal',
  'puzzle',
  'plain-apollo-gateway',
  'hive-gateway',
  'hive-gateway-no-dedup',
  'hive-router-runtime',
] as const;

let profiled: { name: string; dir: string } | undefined;

export function profileProcess(name: string, dir: string): void {
  if (!(PROFILABLE as readonly string[]).includes(name))
    throw new Error(`Cannot profile "${name}"; choose from ${PROFILABLE.join(', ')}`);
  profiled = { name, dir };
}

export const isProfiled = (name: string): boolean => profiled?.name === name;

/** Where the profiled process writes its profile (when it exits). */
export const profileFile = (): string | undefined => profiled && path.join(profiled.dir, `${profiled.name}.cpuprofile`);

/** Node options that make `name` write a CPU profile on exit, if it is the profiled process. */
export function profilerArgs(name: string): string[] {
  if (!profiled || profiled.name !== name) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${profiled.dir}`, `--cpu-prof-name=${profiled.name}.cpuprofile`];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  /** Wall time the profile covers, and how much of it the process was idle (waiting for I/O), in ms. */
  durationMs: number;
  idleMs: number;
  byPackage: { package: string; selfMs: number; share: number }[];
  byFunction: { function: string; package: string; selfMs: number; share: number }[];
}

const VM_STATES = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);

/** The package a function belongs to, from its script URL. */
export function packageOf(url: string, functionName: string, root: string, names: Map<string, string>): string {
  if (!url) return VM_STATES.has(functionName) ? functionName : '(native: V8 builtins, C++ bindings)';
  if (url.startsWith('node:')) {
    const parts = url.slice('node:'.length).split('/');
    if (parts[0] !== 'internal') return `node:${parts[0]}`;
    // Bundled dependencies (undici behind fetch, …) by name; other internals by their folder or file.
    if (parts[1] === 'deps') return `node:internal/deps/${parts[2]?.replace(/\.js$/, '')}`;
    return `node:internal/${parts[1]?.replace(/\.js$/, '')}`;
  }
  let file: string;
  try {
    file = url.startsWith('file:') ? fileURLToPath(url) : url;
  } catch {
    return '(other)';
  }
  if (!path.isAbsolute(file)) return '(other)';
  const modules = file.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  if (modules >= 0) {
    const [scope, name] = file.slice(modules + '/node_modules/'.length).split(path.sep);
    return scope!.startsWith('@') ? `${scope}/${name}` : scope!;
  }
  const relative = path.relative(root, file);
  if (relative.startsWith('..')) return '(other)';
  const segments = relative.split(path.sep);
  const workspace = ['services', 'packages'].includes(segments[0]!) ? segments.slice(0, 2).join('/') : segments[0]!;
  if (!names.has(workspace)) {
    const manifest = path.join(root, workspace, 'package.json');
    names.set(
      workspace,
      existsSync(manifest)
        ? ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name ?? workspace)
        : workspace,
    );
  }
  return names.get(workspace)!;
}

/** Self time by package and by function; a sample's time is the interval until the next sample. */
export function summarizeProfile(file: string, root: string, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const names = new Map<string, string>();
  const selfByNode = new Map<number, number>();
  for (let index = 0; index < profile.samples.length; index++) {
    const micros = profile.timeDeltas[index + 1] ?? 0;
    const id = profile.samples[index]!;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + micros);
  }
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, { package: string; micros: number }>();
  let idle = 0;
  for (const [id, micros] of selfByNode) {
    const frame = nodes.get(id)!;
    const owner = packageOf(frame.url, frame.functionName, root, names);
    if (owner === '(idle)') {
      idle += micros;
      continue;
    }
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + micros);
    const where = frame.url ? ` ${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'}${where}`;
    const entry = byFunction.get(key) ?? { package: owner, micros: 0 };
    entry.micros += micros;
    byFunction.set(key, entry);
  }
  const busy = [...byPackage.values()].reduce((total, micros) => total + micros, 0) || 1;
  return {
    file,
    durationMs: (profile.endTime - profile.startTime) / 1000,
    idleMs: idle / 1000,
    byPackage: [...byPackage]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({ package: name, selfMs: micros / 1000, share: micros / busy })),
    byFunction: [...byFunction]
      .sort((a, b) => b[1].micros - a[1].micros)
      .slice(0, top)
      .map(([name, entry]) => ({
        function: name,
        package: entry.package,
        selfMs: entry.micros / 1000,
        share: entry.micros / busy,
      })),
  };
}

export function profileMarkdown(name: string, summary: ProfileSummary, root: string): string[] {
  const busyMs = summary.durationMs - summary.idleMs;
  const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
  const code = (text: string) => `\`${text.replaceAll('|', '\\|').replaceAll('`', "'")}\``;
  return [
    `### CPU profile of ${name}`,
    '',
    `${path.relative(root, summary.file)}: ${(summary.durationMs / 1000).toFixed(1)} s profiled (the whole life of the process: start-up, seeding and warm-ups included), ${(busyMs / 1000).toFixed(1)} s on CPU, ${(summary.idleMs / 1000).toFixed(1)} s idle. Shares are of the time on CPU. Open the file in Chrome DevTools (Performance) or speedscope for the call tree.`,
    '',
    '| package | self ms | share |',
    '| --- | --- | --- |',
    ...summary.byPackage.map((row) => `| ${code(row.package)} | ${row.selfMs.toFixed(0)} | ${pct(row.share)} |`),
    '',
    '| function | package | self ms | share |',
    '| --- | --- | --- | --- |',
    ...summary.byFunction.map(
      (row) => `| ${code(row.function)} | ${code(row.package)} | ${row.selfMs.toFixed(0)} | ${pct(row.share)} |`,
    ),
    '',
  ];
}
