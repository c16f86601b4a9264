import type { Connector } from '$lib/db/types';
import type { Level, LevelField } from '$lib/import/aggregates';
import { fileProblem, proposedIndicators, type FileProblem } from '$lib/import/analyse';
import { checkImport, type CheckResult } from '$lib/import/check';
import type { Dialect, Sniffed } from '$lib/import/detect';
import { saveLocal } from '$lib/import/local';
import { missingFields, proposeMapping, type ColumnMapping, type Field } from '$lib/import/mapping';
import { slugId } from '$lib/import/match';
import { isPeriod } from '$lib/import/period';
import { commitImport } from '$lib/import/pipeline';
import { stageImport, type StageResult } from '$lib/import/stage';
import { readWorkbook, registerFile, sniffFile } from '$lib/import/reader';
import { sheetSource, type SheetSource, type WorkbookView } from '$lib/import/sheet-source';
import { WorkbookError } from '$lib/import/workbook-kind';
import type { NewIndicator } from '$lib/queries/import-commit';
import { localDataChanged } from './data.svelte';
import { recalledMapping, rememberMapping } from './mapping-memory';

/** Where an import stands. */
export type Phase =
  'idle' | 'sniffing' | 'transcoding' | 'reading' | 'review' | 'loading' | 'done' | 'refused' | 'failed' | 'cancelled';

/** A manager's description of an indicator the catalogue lacks. */
export interface Described {
  name: string;
  unit: string;
  axis: string;
}

/**
 * One file's import, step by step: detect, map, stage, validate, then load in one transaction. Nothing
 * loaded changes before `load()`; cancelling at any point drops the working tables.
 */
export class ImportSession {
  #phase = $state<Phase>('idle');
  get phase(): Phase {
    return this.#phase;
  }
  set phase(next: Phase) {
    this.#phase = next;
    performance.mark(`vigie:import:${next}`); // `npm run bench` times the import by these marks
  }
  file = $state<File | null>(null);
  progress = $state<{ done: number; total: number } | null>(null);
  sniffed = $state<Sniffed | null>(null);
  overrides = $state<Partial<Dialect>>({});
  mapping = $state<ColumnMapping | null>(null);
  missing = $state<Field[]>([]);
  stage = $state<StageResult | null>(null);
  indicatorMap = $state<Record<string, string | null>>({});
  described = $state<Record<string, Described>>({});
  /** Where a column holds totals and their parts, the level loaded (the total until the manager says). */
  levels = $state<Partial<Record<LevelField, Level>>>({});
  /** A workbook's sheets, the one read and what was left around its table; null for a CSV file. */
  workbook = $state<WorkbookView | null>(null);
  /** The manager's choice of sheet and header row (detection's when not given). */
  sheetChoice = $state<{ sheet?: string; headerRow?: number }>({});
  check = $state<CheckResult | null>(null);
  refused = $state<FileProblem | null>(null);
  error = $state<string | null>(null);
  mode = $state<'append' | 'replace'>('replace');
  loaded = $state<{ rows: number; indicatorIds: string[] } | null>(null);
  /** Keeping the loaded rows in this browser, after the charts already show them. */
  kept = $state<'saving' | 'saved' | 'failed' | null>(null);

  #abort: AbortController | null = null;
  #registered: string | null = null;
  /** Where a workbook's values came from (sheet row and column) and the hints its layout gives. */
  #sheet: Pick<SheetSource, 'place' | 'hints'> | null = null;

  constructor(private readonly engine: () => Promise<Connector>) {}

  /** Starts over with a new file. */
  async open(file: File): Promise<void> {
    await this.reset();
    this.file = file;
    await this.detect();
  }

  /** Applies the manager's override of encoding, delimiter or decimal mark, and reads again. */
  async setDialect(overrides: Partial<Dialect>): Promise<void> {
    this.overrides = { ...this.overrides, ...overrides };
    await this.detect(true);
  }

  /** Applies the manager's column mapping and reads again. */
  async setMapping(mapping: ColumnMapping): Promise<void> {
    this.mapping = mapping;
    if (this.sniffed) rememberMapping(this.sniffed.header, $state.snapshot(mapping) as ColumnMapping);
    await this.read();
  }

  /** Maps a file label to a catalogue indicator, to a new one (`'new'`), sets it aside (`''`) or unsets it (null). */
  async setIndicator(label: string, choice: string | null): Promise<void> {
    if (choice === 'new') {
      this.described[label] ??= { name: label, unit: this.fileUnit() ?? 'count', axis: 'tournees' };
      this.indicatorMap[label] = slugId(label);
    } else {
      delete this.described[label];
      this.indicatorMap[label] = choice;
    }
    await this.validate();
  }

  /** Describes a new indicator (name, unit, axis); its unit is checked against the file's. */
  async describe(label: string, d: Described): Promise<void> {
    const unitChanged = this.described[label]?.unit !== d.unit;
    this.described[label] = d;
    if (unitChanged) await this.validate();
  }

  /** A workbook's sheet row of each record read (the rows the refused-rows download names), else null. */
  sheetRows(): ArrayLike<number> | null {
    return this.#sheet?.place.rowNumbers ?? null;
  }

  /** Reads another sheet of the workbook, or its table from another header row. */
  async setSheet(choice: { sheet?: string; headerRow?: number }): Promise<void> {
    this.sheetChoice = { ...this.sheetChoice, ...choice };
    // Another sheet has its own header row: detection finds it again.
    if (choice.sheet !== undefined) delete this.sheetChoice.headerRow;
    await this.detect();
  }

  /** Loads the total or the parts of a column that holds both. */
  async setLevel(field: LevelField, level: Level): Promise<void> {
    this.levels[field] = level;
    await this.validate();
  }

  /** The unit the file's unit column names, when it names one that is not the catalogue's own. */
  fileUnit(): string | null {
    const named = this.stage?.units.find((u) => u.read?.kind.startsWith('other:'));
    return named?.unit ?? null;
  }

  /** The indicators this import adds to the catalogue, as loading (and publishing) writes them. */
  newIndicators(): NewIndicator[] {
    return Object.entries(this.described).map(([label, d]) => ({
      indicator_id: this.indicatorMap[label]!,
      axis: d.axis,
      name_fr: d.name,
      name_en: d.name,
      unit: d.unit
    }));
  }

  private async detect(keepMapping = false): Promise<void> {
    const file = this.file;
    if (!file) return;
    this.#abort = new AbortController();
    this.phase = 'sniffing';
    try {
      // A snapshot: a reactive proxy cannot be posted to a worker.
      let sniffed = await sniffFile(file, $state.snapshot(this.overrides), this.#abort.signal);
      this.refused = fileProblem(file.size, sniffed);
      let source: SheetSource | null = null;
      if (!this.refused && sniffed.workbook) {
        this.phase = 'reading';
        source = sheetSource(await readWorkbook(file, $state.snapshot(this.sheetChoice), this.#abort.signal));
        sniffed = source.sniffed;
        this.refused = fileProblem(file.size, sniffed);
      }
      this.sniffed = sniffed;
      this.workbook = source?.view ?? null;
      this.#sheet = source && { place: source.place, hints: source.hints };
      if (this.refused) {
        this.phase = 'refused';
        return;
      }
      if (!keepMapping || !this.mapping)
        this.mapping = recalledMapping(sniffed.header) ?? proposeMapping(sniffed, isPeriod, file.name);
      await this.register(file, sniffed.dialect, source?.csv ?? null);
      await this.read();
    } catch (err) {
      this.fail(err);
    }
  }

  /** Hands the file to the engine: a CSV as it is (or transcoded), a workbook's sheet as the CSV read from it. */
  private async register(file: File, dialect: Dialect, sheetCsv: Uint8Array | null): Promise<void> {
    const db = await this.engine();
    if (this.#registered) await db.dropFile(this.#registered);
    const name = `vigie_upload_${Date.now()}.csv`;
    if (sheetCsv) await db.registerBytes(name, sheetCsv);
    else
      await registerFile(db, name, file, dialect.encoding, {
        onTranscoding: () => (this.phase = 'transcoding'),
        onProgress: (done, total) => (this.progress = { done, total }),
        signal: this.#abort?.signal
      });
    this.#registered = name;
    this.progress = null;
  }

  private async read(): Promise<void> {
    const { sniffed, mapping } = this;
    if (!sniffed || !mapping || !this.#registered) return;
    this.missing = missingFields(mapping);
    if (this.missing.length) {
      this.stage = null;
      this.check = null;
      this.phase = 'review';
      return;
    }
    this.phase = 'reading';
    try {
      const db = await this.engine();
      this.stage = await stageImport(
        db,
        this.#registered,
        sniffed.header,
        sniffed.dialect,
        $state.snapshot(mapping) as ColumnMapping,
        this.#sheet?.hints
      );
      this.indicatorMap = proposedIndicators(this.stage, $state.snapshot(this.indicatorMap));
      await this.validate();
    } catch (err) {
      this.fail(err);
    }
  }

  private async validate(): Promise<void> {
    const { sniffed, mapping, stage } = this;
    if (!sniffed || !mapping || !stage) return;
    this.phase = 'reading';
    try {
      const db = await this.engine();
      const decisions = {
        indicatorMap: $state.snapshot(this.indicatorMap),
        levels: $state.snapshot(this.levels),
        described: this.newIndicators()
      };
      this.check = await checkImport(
        db,
        stage,
        decisions,
        sniffed.dialect,
        $state.snapshot(mapping) as ColumnMapping,
        sniffed.header,
        this.#sheet?.place ?? null
      );
      this.phase = 'review';
    } catch (err) {
      this.fail(err);
    }
  }

  /** Loads the accepted rows (one transaction), keeps them in this browser, and refreshes every chart. */
  async load(): Promise<void> {
    const file = this.file;
    if (!file || !this.check || this.phase !== 'review') return;
    this.phase = 'loading';
    try {
      const db = await this.engine();
      const now = Date.now();
      const name = `imports/${slugId(file.name.replace(/\.[^.]+$/, ''))}-${now}.csv`;
      const described = this.newIndicators();
      const { rows } = await commitImport(db, name, file.name, this.mode, described);
      const ids = Object.values(this.indicatorMap).filter((v): v is string => !!v);
      this.loaded = { rows, indicatorIds: ids.filter((id, i) => ids.indexOf(id) === i) };
      this.phase = 'done';
      localDataChanged(true);
      // The charts show the rows now. For the next visit the browser keeps the file itself with the
      // manager's decisions (IndexedDB copies it off the page's thread), and imports it again then.
      this.kept = 'saving';
      // A timestamp written once, not reactive state.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const importedAt = new Date(now).toISOString();
      const snapshot = <T>(v: T) => $state.snapshot(v) as T;
      await saveLocal({
        name,
        fileName: file.name,
        importedAt,
        accepted: rows,
        rejected: this.check.rejected,
        mode: this.mode,
        catalogue: null,
        source: {
          file,
          header: snapshot(this.sniffed!.header),
          dialect: snapshot(this.sniffed!.dialect),
          mapping: snapshot(this.mapping!),
          indicatorMap: snapshot(this.indicatorMap),
          described,
          levels: snapshot(this.levels),
          sheet: this.workbook ? { sheet: this.workbook.sheet, headerRow: this.workbook.headerRow } : undefined
        }
      });
      this.kept = 'saved';
      performance.mark('vigie:import:saved');
    } catch (err) {
      if (this.phase === 'done') this.kept = 'failed';
      else this.fail(err);
    }
  }

  /** Stops whatever runs (the worker is terminated) and drops the working tables: nothing changed. */
  async cancel(): Promise<void> {
    await this.reset();
    this.phase = 'cancelled';
  }

  private async reset(): Promise<void> {
    this.#abort?.abort();
    this.#abort = null;
    if (this.#registered) {
      const db = await this.engine();
      await db.dropFile(this.#registered).catch(() => {});
      this.#registered = null;
    }
    this.#sheet = null;
    Object.assign(this, {
      phase: 'idle',
      file: null,
      progress: null,
      sniffed: null,
      overrides: {},
      mapping: null,
      missing: [],
      stage: null,
      indicatorMap: {},
      described: {},
      levels: {},
      workbook: null,
      sheetChoice: {},
      check: null,
      refused: null,
      error: null,
      loaded: null,
      kept: null
    });
  }

  private fail(err: unknown): void {
    if (err instanceof DOMException && err.name === 'AbortError') return;
    if (err instanceof WorkbookError) {
      this.refused = err.code;
      this.phase = 'refused';
      return;
    }
    this.error = err instanceof Error ? err.message : String(err);
    this.phase = 'failed';
  }
}
