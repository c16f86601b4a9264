import { dataDir } from '../datadir';
import { services } from '../services';
import type { ThreadContext } from './thread';

/** The folders a worker thread works on: this server's store and data folders (or a test's). */
export function threadContext(): ThreadContext {
  return { root: services().root, dataDir: dataDir() };
}
