import type { Coordinator } from '$lib/coordinator/coordinator';
import { removeDataset } from '$lib/engine/load';
import type { NewIndicator } from '$lib/queries/import-commit';
import type { Level, LevelField } from './aggregates';
import type { Dialect } from './detect';
import type { ColumnMapping } from './mapping';

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
  /**
   * The file itself with the manager's decisions: the next visit imports it again through the same
   * path, so nothing of its size crosses the page's thread and no copy is written after the import.
   */
  source?: KeptSource;
  /** Datasets kept by earlier versions: new indicators the manager described, as a catalogue CSV, or null. */
  catalogue: string | null;
}

/** What it takes to import a kept file again exactly as the manager did. */
export interface KeptSource {
  file: Blob;
  header: string[];
  dialect: Dialect;
  mapping: ColumnMapping;
  indicatorMap: Record<string, string | null>;
  described: NewIndicator[];
  /** The level loaded where a column held totals and their parts (absent in records kept before). */
  levels?: Partial<Record<LevelField, Level>>;
  /** A workbook's sheet and header row read (absent for a CSV file). */
  sheet?: { sheet: string; headerRow: number };
}

/** Whether loading the dataset also added indicators to the catalogue (removed with it). */
export function addsIndicators(dataset: LocalDataset): boolean {
  return !!dataset.catalogue || !!dataset.source?.described.length;
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

/**
 * Takes a kept dataset out of the engine (its rows and the indicators it described: one rebuild) and
 * forgets it.
 */
export async function discardLocal(db: Coordinator, dataset: LocalDataset): Promise<void> {
  await removeDataset(db, addsIndicators(dataset) ? [dataset.name, `${dataset.name}.indicators.csv`] : dataset.name);
  await removeLocal(dataset.name);
}

/** Forgets a dataset. */
export async function removeLocal(name: string): Promise<void> {
  await run('readwrite', (s) => s.delete(name));
}
