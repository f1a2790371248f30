// Serves the supergraph from a file (the committed supergraph.graphql) and reloads it without a restart
// when the file changes or the process gets SIGHUP. A file that fails to load is refused and the
// previous supergraph keeps serving.
import { createHash } from 'node:crypto';
import { watch, readFileSync, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { SupergraphManager } from '@apollo/gateway';
import type { Logger } from '@supergraph/runtime';

export interface SupergraphFileSource extends SupergraphManager {
  /** Re-reads the file now (what SIGHUP and file changes trigger). Resolves to whether a new supergraph is served. */
  reload(): boolean;
}

const idOf = (sdl: string) => createHash('sha256').update(sdl).digest('hex').slice(0, 12);

export function supergraphFromFile(
  file: string,
  logger: Logger,
  onServed: (sdl: string) => void,
): SupergraphFileSource {
  let update: ((sdl: string) => void) | undefined;
  let current = '';
  let watcher: FSWatcher | undefined;
  let debounce: NodeJS.Timeout | undefined;

  const reload = (): boolean => {
    let next: string;
    try {
      next = readFileSync(file, 'utf8');
    } catch (error) {
      logger.error({ file, err: error }, 'cannot read the supergraph file; still serving the previous supergraph');
      return false;
    }
    if (next === current || !update) return false;
    try {
      update(next);
    } catch (error) {
      logger.error(
        { file, err: error, rejected: idOf(next), serving: idOf(current) },
        'new supergraph refused; still serving the previous one',
      );
      return false;
    }
    logger.info({ file, supergraph: idOf(next), previous: idOf(current) }, 'now serving a new supergraph');
    current = next;
    onServed(next);
    return true;
  };
  const onSignal = () => void reload();

  return {
    reload,
    async initialize({ update: apply }) {
      update = apply;
      current = readFileSync(file, 'utf8');
      onServed(current);
      logger.info({ file, supergraph: idOf(current) }, 'serving supergraph');
      // Watch the folder, not the file: editors and deploys replace the file (a new inode) rather than write it.
      watcher = watch(path.dirname(file), (_event, name) => {
        if (name !== path.basename(file)) return;
        clearTimeout(debounce);
        debounce = setTimeout(reload, 100);
      });
      process.on('SIGHUP', onSignal);
      return {
        supergraphSdl: current,
        cleanup: async () => {
          clearTimeout(debounce);
          watcher?.close();
          process.off('SIGHUP', onSignal);
        },
      };
    },
  };
}
