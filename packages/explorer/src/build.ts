// Bundles the explorer page (src/page) with esbuild into dist/page: index.html and content-hashed assets holding
// GraphiQL, React, their styles and fonts, so the page loads nothing from anywhere but the gateway that serves it.
// `npm run build` runs this file; tests call ensureExplorerBuilt(), since a clean clone has no dist/.
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { EXPLORER_ASSETS_PATH, explorerPageDir } from './index';

const packageDir = path.resolve(__dirname, '..');
const pageSources = path.join(packageDir, 'src', 'page');

const pageHtml = (script: string, style: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Supergraph explorer</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${EXPLORER_ASSETS_PATH}${style}" />
    <script type="module" src="${EXPLORER_ASSETS_PATH}${script}"></script>
  </head>
  <body>
    <div id="explorer"></div>
    <noscript>The explorer needs JavaScript.</noscript>
  </body>
</html>
`;

/** Writes the page into `outDir` (by default this package's dist/page), replacing what was there. */
export async function buildExplorer(outDir = explorerPageDir): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { explorer: path.join(pageSources, 'main.tsx') },
    tsconfig: path.join(pageSources, 'tsconfig.json'),
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir: path.join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.basename(file));
  const script = outputs.find((file) => file.endsWith('.js'));
  const style = outputs.find((file) => file.endsWith('.css'));
  if (!script || !style) throw new Error(`The explorer bundle lacks a script or a stylesheet: ${outputs.join(', ')}`);
  // Written last: a gateway serving the folder meanwhile never sees a page whose assets are not there yet.
  await writeFile(path.join(outDir, 'index.html'), pageHtml(script, style));
}

/** The newest modification time of the page's sources, this builder and the package's dependencies. */
async function newestSourceTime(): Promise<number> {
  const entries = await readdir(pageSources, { recursive: true, withFileTypes: true });
  const files = [
    ...entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)),
    __filename,
    path.join(packageDir, 'package.json'),
  ];
  const times = await Promise.all(files.map(async (file) => (await stat(file)).mtimeMs));
  return Math.max(...times);
}

/** Builds the page when it is missing or older than its sources (a clean clone, or an edited page). */
export async function ensureExplorerBuilt(): Promise<void> {
  const builtAt = await stat(path.join(explorerPageDir, 'index.html')).then(
    (built) => built.mtimeMs,
    () => 0,
  );
  if (builtAt < (await newestSourceTime())) await buildExplorer();
}

if (require.main === module) {
  buildExplorer().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
