// Seeded bench data: canonical observation CSVs (docs/data-format.md) of any size, and data folders
// holding the shipped catalogue, agreements and annotations plus one generated observations file.
// Deterministic: the same size and seed give byte-identical files on any machine.
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** mulberry32: small, fast, seeded. */
function mulberry32(a) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Countries (ISO 3166-1 alpha-3) nested in the sample's five regions: the key space
// (indicator × quarter × country × discipline × program) holds 1.15 M distinct observations, so a
// 1 M-row file has no duplicate and imports without rejects.
const REGIONS = {
  Europe:
    'FRA BEL CHE DEU ITA ESP PRT GBR IRL NLD LUX AUT DNK SWE NOR FIN POL CZE HUN ROU GRC HRV SVN SVK BGR EST LVA LTU ISL MCO AND MLT CYP SRB UKR',
  'États-Unis': 'USA',
  'Amérique latine': 'MEX BRA ARG CHL COL PER URY CUB HTI DOM ECU BOL PRY VEN CRI PAN GTM',
  'Asie-Pacifique': 'JPN AUS KOR CHN IND SGP NZL VNM THA PHL IDN MYS KHM LAO TWN HKG',
  'Afrique et Moyen-Orient': 'MAR SEN CIV TUN DZA CMR BFA MLI NER BEN TGO GAB COD RWA MDG MUS LBN ISR ARE EGY'
};
const PLACES = Object.entries(REGIONS).flatMap(([region, codes]) => codes.split(' ').map((country) => [region, country]));
const DISCIPLINES = ['Musique', 'Théâtre', 'Danse', 'Arts du cirque', 'Arts visuels', 'Littérature'];
const PROGRAMS = ['Soutien aux tournées', 'Exportation', 'Francophonie'];
const PERIODS = [];
for (let y = 2014; y <= 2025; y++) for (let q = 1; q <= 4; q++) PERIODS.push(`${y}-Q${q}`);

/** The catalogue's indicators and units, from the shipped data/indicators.csv. */
function catalogue() {
  const text = readFileSync(join(ROOT, 'data', 'indicators.csv'), 'utf8');
  const out = [];
  for (const line of text.split('\n').slice(1)) {
    const m = /^([a-z_]+),[a-z_]+,(?:"[^"]*"|[^,]*),(?:"[^"]*"|[^,]*),([a-zA-Z]+),/.exec(line);
    if (m) out.push({ id: m[1], unit: m[2] });
  }
  if (out.length < 10) throw new Error('bench: could not read data/indicators.csv');
  return out;
}

const HEADER = 'indicator_id,period,value,region,country,discipline,program,note,source\n';

/**
 * Writes `rows` distinct observations to `file`, picked uniformly from the key space in key order
 * (selection sampling), with values drawn from `seed`. About 0.5 % of values are left empty (missing).
 * Returns the file's size in bytes.
 */
export function writeObservations(file, rows, seed = 20191129) {
  const indicators = catalogue();
  const space = indicators.length * PERIODS.length * PLACES.length * DISCIPLINES.length * PROGRAMS.length;
  if (rows > space) throw new Error(`bench: at most ${space} distinct observations`);
  const rnd = mulberry32(seed);
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  let buf = HEADER;
  let seen = 0;
  let picked = 0;
  try {
    for (const ind of indicators) {
      const scale = ind.unit === 'CAD' ? 500 : ind.unit === 'percent' ? 0 : 1;
      for (const period of PERIODS) {
        for (const [region, country] of PLACES) {
          for (const discipline of DISCIPLINES) {
            for (const program of PROGRAMS) {
              // Knuth's algorithm S: exactly `rows` keys, each equally likely, in key order.
              const take = (space - seen) * rnd() < rows - picked;
              seen++;
              if (!take) continue;
              picked++;
              const r = rnd();
              const value = r < 0.005 ? '' : scale === 0 ? (30 + r * 40).toFixed(1) : String(Math.round(1 + r * 40) * scale);
              buf += `${ind.id},${period},${value},${region},${country},${discipline},${program},,bench\n`;
              if (buf.length > 1 << 20) {
                writeSync(fd, buf);
                buf = '';
              }
              if (picked === rows) break;
            }
          }
        }
      }
    }
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  return statSync(file).size;
}

/**
 * A data folder for `node build` (VIGIE_DATA_DIR): the shipped catalogue, agreements and annotations,
 * and `observations/bench.csv` with `rows` generated observations. Reused when already there.
 */
export function dataFolder(dir, rows) {
  const obs = join(dir, 'observations', 'bench.csv');
  mkdirSync(join(dir, 'observations'), { recursive: true });
  for (const f of ['indicators.csv', 'agreements.csv', 'annotations.csv']) copyFileSync(join(ROOT, 'data', f), join(dir, f));
  if (!existsSync(obs) || !existsSync(`${obs}.done`)) {
    writeObservations(obs, rows);
    closeSync(openSync(`${obs}.done`, 'w'));
  }
  return { dir, observations: obs, bytes: statSync(obs).size };
}

/** A canonical CSV of `rows` observations for the import measurements (another seed than the folders). */
export function importFile(file, rows) {
  if (!existsSync(file) || !existsSync(`${file}.done`)) {
    writeObservations(file, rows, 7);
    closeSync(openSync(`${file}.done`, 'w'));
  }
  return { file, bytes: statSync(file).size };
}
