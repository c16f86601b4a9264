import { readFile } from 'node:fs/promises';
import { Coordinator, type CoordinatorOptions } from '$lib/coordinator/coordinator';
import { connectNode } from '$lib/db/connector.node';
import { loadDatasets } from '$lib/engine/load';
import type { DatasetFile } from '$lib/queries/datasets';
import { listDataDir, stripBom } from '$lib/server/datadir';

/** The small catalogue `engineWith` adds when the files have none: four indicators of two axes. */
export const CATALOGUE: DatasetFile = {
  name: 'indicators.csv',
  kind: 'indicators',
  text: `indicator_id,axis,name_fr,name_en,unit,direction,target,target_period,definition_fr,definition_en,source,measure
tours,tournees,Tournées,Tours,count,up,100,2025-2026,Déf,Def,sample,flow
money,tournees,Aide,Support,CAD,up,,,Déf,Def,sample,flow
rate,tournees,Taux,Rate,percent,up,60,2025-2026,Déf,Def,sample,flow
offices,bureaux,Bureaux,Offices,count,up,,,Déf,Def,MRIF,stock
`
};

/**
 * A coordinator over a fresh in-memory DuckDB-wasm loaded with the given small CSVs (a catalogue is added
 * when absent); `options.preaggregate` as the browser's.
 */
export async function engineWith(files: DatasetFile[], options: CoordinatorOptions = {}): Promise<Coordinator> {
  const db = new Coordinator(await connectNode(), options);
  const hasCatalogue = files.some((f) => f.kind === 'indicators');
  await loadDatasets(db, hasCatalogue ? files : [CATALOGUE, ...files]);
  return db;
}

/** The shipped data folder's files (`data/`, or `dir`), as the server lists them. */
export async function readDataDir(dir = 'data'): Promise<{ files: DatasetFile[] }> {
  const listed = await listDataDir(dir);
  const texts = await Promise.all(listed.map((e) => readFile(e.path, 'utf8')));
  return { files: listed.map((e, i) => ({ name: e.name, kind: e.kind, text: stripBom(texts[i]!) })) };
}
