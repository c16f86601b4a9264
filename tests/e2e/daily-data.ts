import { closeSync, copyFileSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The first day of the generated series and how many days follow it (about 35 years). */
export const FIRST_DAY = '1990-01-01';
export const DAYS = 13_334;
const REGIONS = ['Europe', 'États-Unis', 'Amérique latine', 'Asie-Pacifique', 'Afrique et Moyen-Orient'];

/**
 * A data folder for `node build` (VIGIE_DATA_DIR): the shipped catalogue, agreements and annotations,
 * and one observations file of `rows` observations over DAYS daily periods — every indicator of the
 * catalogue, each day split by region — as issue 13's "1 M rows over about 13 000 daily periods".
 * Deterministic (no randomness); about one value in two hundred left empty (missing).
 */
export function dailyFolder(dir: string, rows: number, root = process.cwd()): { indicators: number; rows: number } {
  mkdirSync(join(dir, 'observations'), { recursive: true });
  for (const f of ['indicators.csv', 'agreements.csv', 'annotations.csv']) copyFileSync(join(root, 'data', f), join(dir, f));
  const ids = readFileSync(join(root, 'data', 'indicators.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => /^([a-z_]+),/.exec(line)?.[1])
    .filter((id): id is string => !!id);
  const perDay = Math.max(1, Math.min(REGIONS.length, Math.round(rows / (ids.length * DAYS))));
  const fd = openSync(join(dir, 'observations', 'daily.csv'), 'w');
  let buf = 'indicator_id,period,value,region,source\n';
  let written = 0;
  const start = Date.parse(`${FIRST_DAY}T00:00:00Z`);
  try {
    for (const [k, id] of ids.entries()) {
      for (let d = 0; d < DAYS && written < rows; d++) {
        const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
        for (let r = 0; r < perDay && written < rows; r++) {
          const n = (d * 31 + r * 7 + k * 13) % 200;
          buf += `${id},${day},${n === 0 ? '' : 1 + (n % 9)},${REGIONS[r]},Bench\n`;
          written++;
        }
        if (buf.length > 1 << 20) {
          writeSync(fd, buf);
          buf = '';
        }
      }
    }
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  return { indicators: ids.length, rows: written };
}
