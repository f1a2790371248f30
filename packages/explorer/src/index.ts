// Where the built explorer page lives and where the gateway serves its assets: all the gateway needs to know of
// this package (building it is build.ts, checking it in a browser is check-in-browser.ts).
import path from 'node:path';

/** The page `npm run build` writes: index.html, and assets/ with content-hashed names (dist/page of this package). */
export const explorerPageDir = path.resolve(__dirname, '..', 'dist', 'page');

/** The URL path the page loads its assets from: the gateway serves the page's assets/ folder there. */
export const EXPLORER_ASSETS_PATH = '/graphql/explorer/';
