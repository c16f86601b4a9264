#!/usr/bin/env node
// Vigie — seeded sample-data generator.
//
// Writes data/observations/sample.csv: SAMPLE (invented) observations for every
// indicator whose `source` is `sample` in data/indicators.csv. Every row carries
// source=sample so the app can badge it « Données d'exemple ».
//
// Usage:
//   node scripts/generate-sample.mjs           # (re)write data/observations/sample.csv
//   node scripts/generate-sample.mjs --check   # exit 1 if the file differs from what would be generated
//
// The output is fully deterministic (fixed seed, only +, -, *, / and rounding; no
// Math.random, no dates, no locale-dependent sorting): two runs give byte-identical
// files on any machine. No dependencies.

import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED = 20191129; // Vision internationale du Québec, published 2019-11-29
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'data', 'observations', 'sample.csv');
const CATALOGUE = join(ROOT, 'data', 'indicators.csv');

// ---------------------------------------------------------------------------
// PRNG: mulberry32, one independent stream per (indicator, purpose) so that
// editing one indicator's parameters does not reshuffle the others.
// ---------------------------------------------------------------------------
function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function fnv1a(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
const rng = (key) => mulberry32((SEED ^ fnv1a(key)) >>> 0);
/** uniform in [1 - spread, 1 + spread] */
const jitter = (r, spread) => 1 + spread * (2 * r() - 1);

// ---------------------------------------------------------------------------
// Periods: Québec fiscal years (April 1 – March 31), 2014-2015 … 2025-2026.
// ---------------------------------------------------------------------------
const FIRST_FY = 2014;
const LAST_FY = 2025;
const PERIODS = [];
for (let y = FIRST_FY; y <= LAST_FY; y++) PERIODS.push(`${y}-${y + 1}`);

// ---------------------------------------------------------------------------
// Dimensions (French labels: the data catalogue is French) and their shares.
// ---------------------------------------------------------------------------
const REGIONS = {
  Europe: 0.42,
  'États-Unis': 0.24,
  'Asie-Pacifique': 0.13,
  'Amérique latine': 0.11,
  'Afrique et Moyen-Orient': 0.1
};
// Francophonie projects lean on Francophone Europe and Africa.
const REGIONS_FRANCOPHONIE = {
  Europe: 0.4,
  'Afrique et Moyen-Orient': 0.3,
  'États-Unis': 0.12,
  'Asie-Pacifique': 0.08,
  'Amérique latine': 0.1
};
// ISO 3166-1 alpha-3, shares within each region (tournees_soutenues only).
const COUNTRIES = {
  Europe: { FRA: 0.55, BEL: 0.18, CHE: 0.15, DEU: 0.12 },
  'États-Unis': { USA: 1 },
  'Amérique latine': { MEX: 0.45, BRA: 0.3, ARG: 0.25 },
  'Asie-Pacifique': { JPN: 0.4, AUS: 0.35, KOR: 0.25 },
  'Afrique et Moyen-Orient': { MAR: 0.4, SEN: 0.3, CIV: 0.3 }
};
const DISC_TOURING = {
  Musique: 0.38,
  Théâtre: 0.18,
  Danse: 0.15,
  'Arts du cirque': 0.14,
  'Arts visuels': 0.08,
  Littérature: 0.07
};
const DISC_MOBILITY = {
  Musique: 0.3,
  Théâtre: 0.16,
  Danse: 0.14,
  'Arts du cirque': 0.1,
  'Arts visuels': 0.16,
  Littérature: 0.14
};
const DISC_COPROD = { Musique: 0.18, Théâtre: 0.3, Danse: 0.22, 'Arts du cirque': 0.18, 'Arts visuels': 0.07, Littérature: 0.05 };
const DISC_SHOWCASE = { Musique: 0.4, Théâtre: 0.14, Danse: 0.14, 'Arts du cirque': 0.12, 'Arts visuels': 0.1, Littérature: 0.1 };
const DISC_DIGITAL = { Musique: 0.35, Théâtre: 0.1, Danse: 0.09, 'Arts du cirque': 0.08, 'Arts visuels': 0.18, Littérature: 0.2 };
const PROG_TOURS = { 'Soutien aux tournées': 0.75, Exportation: 0.25 };
const PROG_EXPORT = { 'Soutien aux tournées': 0.6, Exportation: 0.4 };
const PROG_FRANCO = { Francophonie: 0.6, Mobilité: 0.2, Coproduction: 0.2 };

// ---------------------------------------------------------------------------
// Trajectories, as an index of the 2018-2019 level, one value per fiscal year
// 2014-2015 … 2025-2026. Gentle growth, 2019-2020 slightly lower (March 2020
// lost), 2020-2021 pandemic collapse, 2021-2022 partial recovery (~55 %),
// pre-pandemic level by 2023-2024, then modest growth after the Vision.
// ---------------------------------------------------------------------------
const pandemic = (low, partial = 0.55, next = 0.84) => [0.88, 0.91, 0.94, 0.97, 1.0, 0.94, low, partial, next, 1.01, 1.06, 1.11];

/**
 * Sample indicators. `base` = 2018-2019 total; `profile` = index per fiscal year
 * (or `series` = absolute totals); `unitStep` = rounding step of leaf values;
 * `dims` = ordered list of [column, shares] (country is nested in region).
 */
const INDICATORS = [
  {
    id: 'tournees_soutenues',
    base: 360,
    profile: pandemic(0.17),
    dims: [
      ['region', REGIONS],
      ['country', COUNTRIES],
      ['discipline', DISC_TOURING],
      ['program', PROG_TOURS]
    ]
  },
  {
    id: 'aide_exportation',
    base: 11_600_000,
    unitStep: 500,
    profile: pandemic(0.28),
    dims: [
      ['region', REGIONS],
      ['discipline', DISC_TOURING],
      ['program', PROG_EXPORT]
    ]
  },
  { id: 'taux_autofinancement', percent: true, series: [55.2, 55.9, 56.6, 57.1, 57.8, 54.6, 41.3, 46.8, 53.5, 57.4, 58.6, 59.4] },
  {
    id: 'artistes_mobilite',
    base: 1400,
    profile: pandemic(0.2),
    dims: [
      ['region', REGIONS],
      ['discipline', DISC_MOBILITY]
    ]
  },
  { id: 'organismes_mobilite', base: 220, profile: pandemic(0.25), dims: [['region', REGIONS]] },
  {
    id: 'coproductions_soutenues',
    base: 48,
    profile: pandemic(0.29),
    dims: [
      ['region', REGIONS],
      ['discipline', DISC_COPROD]
    ]
  },
  { id: 'budget_coproductions', base: 3_800_000, unitStep: 500, profile: pandemic(0.28), dims: [['region', REGIONS]] },
  {
    id: 'vitrines_etranger',
    base: 135,
    profile: pandemic(0.18),
    dims: [
      ['region', REGIONS],
      ['discipline', DISC_SHOWCASE]
    ]
  },
  {
    id: 'services_bureaux',
    base: 950,
    profile: [0.88, 0.91, 0.94, 0.97, 1.0, 0.96, 0.6, 0.78, 0.92, 1.02, 1.07, 1.12],
    dims: [['region', REGIONS]]
  },
  {
    id: 'projets_francophonie',
    base: 58,
    profile: [0.88, 0.91, 0.94, 0.97, 1.0, 0.95, 0.45, 0.62, 0.86, 1.02, 1.07, 1.12],
    dims: [
      ['region', REGIONS_FRANCOPHONIE],
      ['program', PROG_FRANCO]
    ]
  },
  {
    id: 'visibilite_numerique',
    series: [20, 23, 27, 30, 34, 38, 64, 68, 72, 77, 83, 89],
    spread: 0.02,
    dims: [['discipline', DISC_DIGITAL]]
  }
];

const COLUMNS = ['indicator_id', 'period', 'value', 'region', 'country', 'discipline', 'program', 'note', 'source'];
const DIM_COLUMNS = ['region', 'country', 'discipline', 'program'];

/** All leaves of an indicator's breakdown: [{ dims: {region, ...}, share }]. */
function leaves(dims) {
  let out = [{ dims: {}, share: 1 }];
  for (const [col, shares] of dims) {
    const next = [];
    for (const leaf of out) {
      // countries are nested in their region
      const table = col === 'country' ? shares[leaf.dims.region] : shares;
      for (const [label, s] of Object.entries(table)) {
        next.push({ dims: { ...leaf.dims, [col]: label }, share: leaf.share * s });
      }
    }
    out = next;
  }
  return out;
}

/** Split integer `total` into integers proportional to `weights` (largest remainder; ties by index). */
function allocate(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const quotas = weights.map((w) => (total * w) / sum);
  const out = quotas.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, i) => [q - Math.floor(q), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length][1]] += 1;
  return out;
}

function generateRows() {
  const rows = [];
  for (const ind of INDICATORS) {
    const rTotal = rng(`${ind.id}:total`);
    const totals = PERIODS.map((_, i) =>
      ind.series
        ? ind.series[i] * jitter(rTotal, ind.spread ?? (ind.percent ? 0.01 : 0.03))
        : ind.base * ind.profile[i] * jitter(rTotal, 0.03)
    );

    if (ind.percent) {
      // No dimensions; one value per period, one decimal.
      PERIODS.forEach((period, i) => rows.push({ indicator_id: ind.id, period, value: totals[i].toFixed(1) }));
      continue;
    }

    const step = ind.unitStep ?? 1;
    const ls = leaves(ind.dims);
    // A stable factor per leaf (some leaves are structurally bigger) and a yearly wobble.
    const rLeaf = rng(`${ind.id}:leaf`);
    const stable = ls.map(() => jitter(rLeaf, 0.25));
    const rYear = rng(`${ind.id}:year`);
    PERIODS.forEach((period, i) => {
      const weights = ls.map((l, j) => l.share * stable[j] * jitter(rYear, 0.15));
      const units = allocate(Math.round(totals[i] / step), weights);
      ls.forEach((l, j) => rows.push({ indicator_id: ind.id, period, value: String(units[j] * step), ...l.dims }));
    });
  }
  // Sort by indicator_id, period, then dimensions (plain code-unit order, locale-independent).
  const key = (r) => [r.indicator_id, r.period, ...DIM_COLUMNS.map((c) => r[c] ?? '')];
  rows.sort((a, b) => {
    const ka = key(a),
      kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
  return rows;
}

function csvField(v) {
  const s = v == null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(rows) {
  const lines = [COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(COLUMNS.map((c) => csvField(c === 'source' ? 'sample' : c === 'note' ? '' : r[c])).join(','));
  }
  return lines.join('\n') + '\n';
}

/** Minimal RFC 4180 parser (enough to read data/indicators.csv). */
function parseCsv(text) {
  const rows = [];
  let row = [],
    field = '',
    i = 0,
    quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      quoted = true;
      i++;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === '\r') {
      i++;
      continue;
    }
    if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
      continue;
    }
    field += c;
    i++;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
}

/** The generator and the catalogue must agree on which indicators are sample data. */
function checkCatalogue() {
  if (!existsSync(CATALOGUE)) return [];
  const catalogue = parseCsv(readFileSync(CATALOGUE, 'utf8'));
  const errors = [];
  const sampleIds = new Set(catalogue.filter((r) => r.source === 'sample').map((r) => r.indicator_id));
  const generated = new Set(INDICATORS.map((d) => d.id));
  for (const id of generated)
    if (!sampleIds.has(id)) errors.push(`${id} is generated but is not marked source=sample in data/indicators.csv`);
  for (const id of sampleIds)
    if (!generated.has(id)) errors.push(`${id} is marked source=sample in data/indicators.csv but is not generated`);
  for (const d of INDICATORS) {
    const row = catalogue.find((r) => r.indicator_id === d.id);
    if (row && (row.unit === 'percent') !== Boolean(d.percent))
      errors.push(`${d.id}: unit in data/indicators.csv (${row.unit}) does not match the generator`);
  }
  return errors;
}

function main(argv) {
  const args = argv.slice(2);
  const check = args.includes('--check');
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length) {
    console.error(`Unknown argument(s): ${unknown.join(' ')}\nUsage: node scripts/generate-sample.mjs [--check]`);
    return 2;
  }

  const errors = checkCatalogue();
  if (errors.length) {
    for (const e of errors) console.error(`error: ${e}`);
    return 1;
  }

  const rows = generateRows();
  const csv = toCsv(rows);
  const rel = relative(process.cwd(), OUT) || OUT;

  if (check) {
    const current = existsSync(OUT) ? readFileSync(OUT, 'utf8') : null;
    if (current === csv) {
      console.log(`${rel} is up to date (${rows.length} rows).`);
      return 0;
    }
    console.error(
      current === null
        ? `${rel} is missing. Run: node scripts/generate-sample.mjs`
        : `${rel} differs from what the generator produces. Run: node scripts/generate-sample.mjs`
    );
    return 1;
  }

  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, csv);
  console.log(`Wrote ${rel}: ${rows.length} rows (seed ${SEED}).`);
  return 0;
}

process.exitCode = main(process.argv);
