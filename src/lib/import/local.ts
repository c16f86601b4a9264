/**
 * Datasets imported in this browser, kept in IndexedDB across reloads until they are published or
 * removed. Browser only; every call is a no-op answer where IndexedDB is missing (server rendering).
 */

/** A dataset loaded from a manager's file. */
export interface LocalDataset {
  /** Dataset name in the engine, `imports/<file>-<time>.csv`. */
  name: string;
  /** The file as the manager picked it. */
  fileName: string;
  /** When it was loaded, ISO 8601. */
  importedAt: string;
  accepted: number;
  rejected: number;
  /** "replace": its rows hide earlier rows of the same indicator and period. */
  mode: 'append' | 'replace';
  /** The accepted rows as canonical CSV (docs/data-format.md); a string in datasets kept by older versions. */
  csv: Blob | string;
  /** New indicators the manager described, as a catalogue CSV, or null. */
  catalogue: string | null;
}

const DB = 'vigie';
const STORE = 'datasets';

function open(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'name' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest): Promise<T | null> {
  return open().then(
    (db) =>
      db &&
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = fn(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req.result as T);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      })
  );
}

/** Every dataset imported in this browser, oldest first (the order they must be loaded in). */
export async function listLocal(): Promise<LocalDataset[]> {
  const all = (await run<LocalDataset[]>('readonly', (s) => s.getAll())) ?? [];
  return all.sort((a, b) => a.importedAt.localeCompare(b.importedAt));
}

/** Keeps a dataset (the transaction completes before this resolves: a reload right after still has it). */
export async function saveLocal(dataset: LocalDataset): Promise<void> {
  await run('readwrite', (s) => s.put(dataset));
}

/** A kept dataset's canonical CSV text. */
export function localCsv(dataset: LocalDataset): Promise<string> {
  return typeof dataset.csv === 'string' ? Promise.resolve(dataset.csv) : dataset.csv.text();
}

/** Forgets a dataset. */
export async function removeLocal(name: string): Promise<void> {
  await run('readwrite', (s) => s.delete(name));
}
