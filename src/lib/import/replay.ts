import type { Connector } from '$lib/db/types';
import type { LocalDataset } from './local';
import { checkImport } from './check';
import { commitImport } from './pipeline';
import { stageImport } from './stage';
import { readWorkbook, registerFile } from './reader';
import { sheetSource } from './sheet-source';

/** A kept file that no longer gives the values it gave when the manager loaded it: nothing is loaded. */
export class ReplayMismatch extends Error {
  constructor(
    readonly accepted: number,
    readonly expected: number
  ) {
    super(`the kept file now gives ${accepted} valid values, not ${expected}`);
  }
}

/**
 * Imports a kept file again, with the decisions the manager made (dialect, mapping, indicators, mode),
 * through the same steps as the first time. Returns the rows loaded; throws when the file cannot be read
 * (what was loaded before stays: the load is one transaction), or when it no longer gives the values it
 * gave the first time (`ReplayMismatch`: a damaged copy, or a catalogue that changed since).
 */
export async function replayImport(db: Connector, dataset: LocalDataset): Promise<number> {
  const source = dataset.source;
  if (!source) return 0;
  const name = `vigie_kept_${Date.now()}.csv`;
  // A workbook is read again the same way (same sheet, same header row), in the parsing worker.
  const sheet = source.sheet ? sheetSource(await readWorkbook(source.file, source.sheet)) : null;
  if (sheet) await db.registerBytes(name, sheet.csv);
  else await registerFile(db, name, source.file, source.dialect.encoding);
  try {
    const stage = await stageImport(db, name, source.header, source.dialect, source.mapping, sheet?.hints);
    const decisions = { indicatorMap: source.indicatorMap, levels: source.levels, described: source.described };
    const check = await checkImport(db, stage, decisions, source.dialect, source.mapping, source.header, sheet?.place ?? null);
    if (check.accepted !== dataset.accepted) throw new ReplayMismatch(check.accepted, dataset.accepted);
    const { rows } = await commitImport(db, dataset.name, dataset.fileName, dataset.mode, source.described);
    return rows;
  } finally {
    await db.dropFile(name);
  }
}
