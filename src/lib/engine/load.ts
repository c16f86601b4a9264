import type { Coordinator } from '$lib/coordinator/coordinator';
import type { Connector, SqlQuery } from '$lib/db/types';
import {
  csvColumnsQuery,
  datasetMetaQueries,
  deleteDatasetQueries,
  derivedQueries,
  insertRowsQueries,
  loadedDatasetsQuery,
  setupQueries,
  summaryQueries,
  type DatasetFile,
  type DerivedStep
} from '$lib/queries/datasets';

/**
 * Loading data into an engine, the same in the browser (engine/browser.ts) and in Node (the server's
 * engine thread, comparisons of versions, tests): files registered, read by DuckDB's own CSV reader,
 * the derived tables rebuilt, in one transaction. The SQL is src/lib/queries/datasets.ts's.
 */

/** Marks a step of a load (`vigie:load:<step>`), which `npm run bench` reads in the browser. */
export function mark(step: string): void {
  globalThis.performance?.mark?.(`vigie:load:${step}`);
}

async function run(db: Connector, queries: readonly SqlQuery[]): Promise<void> {
  for (const q of queries) await db.query(q);
}

const setUpOnce = new WeakMap<Connector, Promise<void>>();

/**
 * Creates the database, the macros and the empty tables a load fills, once per engine (about 0.1 s of
 * planning the period macros): the browser calls it as soon as its engine starts, while the data still
 * download. A failure is not kept: the next load tries again.
 */
export function setUp(db: Connector): Promise<void> {
  let done = setUpOnce.get(db);
  if (!done) {
    done = run(db, setupQueries());
    setUpOnce.set(db, done);
    done.catch(() => setUpOnce.delete(db));
  }
  return done;
}

/**
 * Loads files' rows (`ROWS_TABLE`), then rebuilds the derived tables. A file's previous rows (same
 * name) are replaced. A file the reader refuses changes nothing (its error names it), nor does a
 * rebuild that fails: what was loaded stays as it was.
 *
 * New files load in two transactions, so that their rows are compressed (a checkpoint) before the
 * summaries are built beside them: the engine's memory then peaks at the larger of the two rather than
 * at both; should the rebuild fail, the files' rows are taken out again. A new version of a file
 * already loaded loads in one transaction, whose rollback gives the earlier version back.
 */
export async function loadDatasets(db: Coordinator, files: readonly DatasetFile[], options: LoadOptions = {}): Promise<void> {
  await setUp(db);
  const loaded = new Set((await db.query<{ dataset: string }>(loadedDatasetsQuery())).map((r) => r.dataset));
  const registered: string[] = [];
  try {
    for (const [i, file] of files.entries()) {
      const reg = `vigie_${i}_${Date.now()}.csv`;
      if (file.blob && db.registerBlob) await db.registerBlob(reg, file.blob);
      else await db.registerText(reg, file.text ?? (file.blob ? await file.blob.text() : ''));
      registered.push(reg);
    }
    mark('registered');
    if (files.some((f) => loaded.has(f.name))) {
      await db.transaction(async () => {
        await insertFiles(db, files, registered, loaded);
        await rebuildDerived(db);
      });
      await db.compress();
    } else {
      const summaries = options.summaries ?? 'within';
      const within = summaries === 'within';
      await db.transaction(() => insertFiles(db, files, registered, loaded));
      // Compressed before the summaries are built beside them; with the summaries after, by `after`.
      if (within) await db.compress();
      await db
        .transaction(() => rebuildDerived(db, within ? undefined : stepsOf(files, summaries)))
        .catch(async (err: unknown) => {
          await db.transaction(() =>
            run(
              db,
              files.flatMap((f) => deleteDatasetQueries(f.name))
            )
          );
          throw err;
        });
      if (summaries === 'after')
        void db.after(() => rebuildDerived(db, ['summaries'])).catch(() => {}); // the caller learns of it from `settled()`
      else if (within) await db.compress();
    }
  } finally {
    for (const reg of registered) if (reg) await db.dropFile(reg);
  }
  if (options.summaries !== 'none') mark('ready'); // the data in; a load with `none` is followed by another
}

/** How a load builds the tables summarising the observations (the rollups, the filter bar's choices). */
export interface LoadOptions {
  /**
   * `after`: new files' summaries are built once their rows are in, as a build the coordinator's reads
   * wait for (`Coordinator.after`, `settled()`), as Mosaic builds its pre-aggregates after its load: the
   * browser, whose server answers meanwhile. `none`: not built, nor the rows compressed; a load with
   * `after` follows (the browser loads the catalogue files while the observations still download). By
   * default they are built within the load, which fails if they cannot be; a new version of a file
   * already loaded always builds them within its load.
   */
  summaries?: 'within' | 'after' | 'none';
}

/**
 * What new files' rows change before their summaries: the catalogue only if one of them is of it; what
 * hides observations, by the load that builds their summaries (`none`: a load follows).
 */
function stepsOf(files: readonly DatasetFile[], summaries: 'after' | 'none'): DerivedStep[0][] {
  const steps: DerivedStep[0][] = files.some((f) => f.kind !== 'observations') ? ['catalogue'] : [];
  if (summaries === 'after') steps.push('observations');
  return steps;
}

/**
 * Reads each registered file into its table of rows, in place of the rows of a file of that name the
 * engine had `loaded`; each file dropped once read (`registered[i]` emptied).
 */
async function insertFiles(
  db: Coordinator,
  files: readonly DatasetFile[],
  registered: string[],
  loaded: ReadonlySet<string>
): Promise<void> {
  const held = new Set(loaded); // a name twice in one load: the second copy replaces the first
  for (const [i, file] of files.entries()) {
    const reg = registered[i]!;
    const before = held.has(file.name);
    held.add(file.name);
    await insertFile(db, file, reg, before).catch((err: unknown) => {
      throw new Error(`${file.name}: ${err instanceof Error ? err.message : String(err)}`.replaceAll(reg, file.name));
    });
    await run(db, datasetMetaQueries(file.name, file.replaces ?? false, before));
    // Read: its copy in the engine (the whole text, in Node) goes before the rebuild needs the memory.
    await db.dropFile(reg);
    registered[i] = '';
  }
  mark('inserted');
}

async function insertFile(db: Connector, file: DatasetFile, reg: string, loadedBefore: boolean): Promise<void> {
  const header = await db.query<{ column_name: string }>(csvColumnsQuery(reg));
  await run(
    db,
    insertRowsQueries(
      file,
      reg,
      header.map((h) => h.column_name),
      loadedBefore
    )
  );
}

/** Removes datasets' rows and rebuilds the derived tables once, in one transaction. */
export async function removeDataset(db: Coordinator, names: string | readonly string[]): Promise<void> {
  await db.transaction(async () => {
    for (const name of typeof names === 'string' ? [names] : names) await run(db, deleteDatasetQueries(name));
    await rebuildDerived(db);
  });
  await db.compress();
}

/** Rebuilds the derived tables from the rows, or only the `steps` named (inside the caller's transaction). */
export async function rebuildDerived(db: Connector, steps?: readonly DerivedStep[0][]): Promise<void> {
  for (const [step, queries] of derivedQueries()) {
    if (steps && !steps.includes(step)) continue;
    await run(db, queries);
    mark(step);
  }
}

/**
 * After observations were added (an import): what they hide, the tables summarising them, and the
 * catalogue when the import described indicators (call inside the caller's transaction).
 */
export async function rebuildSummaries(db: Connector, catalogueChanged: boolean): Promise<void> {
  await run(db, summaryQueries(catalogueChanged));
}
