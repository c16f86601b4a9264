import type { Layout, Sniffed } from './detect';
import { normaliseLabel } from './labels';
import { isStatcanMeta, statcanRole } from './statcan';

export { normaliseLabel } from './labels';

/** What a column can mean for Vigie. */
export const FIELDS = [
  'indicator',
  'period',
  'value',
  'region',
  'country',
  'discipline',
  'program',
  'note',
  'source',
  'unit',
  'scalar',
  'status'
] as const;
export type Field = (typeof FIELDS)[number];

/** Fields a file must provide, by a column or (indicator only) a constant. */
export const REQUIRED: readonly Field[] = ['indicator', 'period', 'value'];

/**
 * How a file's columns map onto the data contract. Columns are referred to by position: the file's
 * header text never needs to reach SQL, and two columns with the same name stay distinct.
 */
export interface ColumnMapping {
  layout: Layout;
  /** Field → the position of the file's column (for a wide layout: the columns that are not periods). */
  columns: Partial<Record<Field, number>>;
  /** Wide layout: positions of the columns that are periods, unpivoted into rows. */
  periodColumns: number[];
  /** An indicator for every row, when the file has no indicator column (a file of one indicator). */
  indicatorConstant: string | null;
  /** A period for every row, when the file has no period column (a monthly extract `…-202401.csv`). */
  periodConstant?: string | null;
  /** The period column's header says it holds fiscal years: `2019-20` and `2019/2020` mean `2019-2020`. */
  fiscal?: boolean;
}

/** Header words (accents, case and punctuation ignored) that name each field, French and English. */
const SYNONYMS: Record<Field, string[]> = {
  indicator: ['indicator id', 'indicator', 'indicateur', 'indicateurs', 'code indicateur', 'id indicateur', 'mesure'],
  period: [
    'period',
    'periode',
    'annee',
    'year',
    'ref date',
    'date',
    'exercice',
    'exercice financier',
    'exercice budgetaire',
    'annee financiere',
    'annee fiscale',
    'fiscal year',
    'fiscal period',
    'periode de reference',
    'reference period',
    'trimestre',
    'mois'
  ],
  value: ['value', 'valeur', 'valeurs', 'nombre', 'montant', 'total', 'donnee', 'donnees'],
  region: ['region', 'regions', 'geo', 'zone', 'territoire', 'continent', 'zone geographique'],
  country: ['country', 'pays', 'iso3', 'code pays', 'partner country'],
  discipline: ['discipline', 'disciplines', 'domaine', 'secteur'],
  program: ['program', 'programme', 'programmes', 'volet'],
  note: ['note', 'notes', 'remarque', 'remarques', 'commentaire', 'commentaires'],
  source: ['source', 'sources'],
  unit: ['unit', 'unite', 'uom', 'unite de mesure', 'unit of measure'],
  scalar: ['scalar factor', 'facteur scalaire', 'echelle', 'scale'],
  status: ['status', 'statut']
};

/** The field a header names, if any: `Montant ($)` and `Valeur, en milliers de dollars` name the value. */
export function fieldOf(header: string): Field | null {
  const bare = header.replace(/\s*\([^)]*\)\s*$/, '').replace(/,[^,]*$/, '');
  for (const text of [header, bare]) {
    const k = normaliseLabel(text);
    for (const f of FIELDS) if (SYNONYMS[f].includes(k)) return f;
  }
  return null;
}

/** Vigie's first guess of the mapping, from the header and the layout. */
export function proposeMapping(
  sniffed: Pick<Sniffed, 'header' | 'layout'>,
  isPeriodHeader: (h: string) => boolean,
  fileName = ''
): ColumnMapping {
  const { header, layout } = sniffed;
  const columns: Partial<Record<Field, number>> = {};
  const periodColumns = layout === 'wide' ? header.flatMap((h, i) => (isPeriodHeader(h) ? [i] : [])) : [];
  header.forEach((h, i) => {
    if (periodColumns.includes(i)) return;
    const f = fieldOf(h);
    if (f && columns[f] === undefined) columns[f] = i;
  });
  if (layout === 'statcan') {
    // English or French, the table's own columns by their role; its first dimension names the series
    // (e.g. "Fuel consumed for electric power generation").
    for (const f of ['period', 'value', 'region', 'unit', 'scalar', 'status', 'indicator', 'source'] as const) delete columns[f];
    header.forEach((h, i) => {
      const role = statcanRole(h);
      if (role && columns[role] === undefined) columns[role] = i;
    });
    const dimension = header.findIndex((h) => !isStatcanMeta(h));
    if (dimension >= 0) columns.indicator = dimension;
  }
  if (layout === 'wide' && columns.indicator === undefined) {
    // One identifying column left unnamed is the indicator (e.g. a first column "Nom").
    const used = new Set(Object.values(columns));
    const rest = header.flatMap((_, i) => (periodColumns.includes(i) || used.has(i) ? [] : [i]));
    if (rest.length === 1) columns.indicator = rest[0];
  }
  const periodHeader = columns.period !== undefined ? normaliseLabel(header[columns.period] ?? '') : '';
  // Columns `2019-20`, `2020-21` … of a wide file are fiscal years, `2011-12` among them.
  const shortFiscal = (h: string) => /^\d{4}[-/]\d{2}$/.test(h.trim());
  const fiscal =
    /\b(exercice|fiscal|fiscale|financiere|budgetaire)\b/.test(periodHeader) ||
    (periodColumns.length > 0 && periodColumns.every((i) => shortFiscal(header[i] ?? '')));
  const periodConstant = columns.period === undefined && layout !== 'wide' ? periodInFileName(fileName) : null;
  return { layout, columns, periodColumns, indicatorConstant: null, periodConstant, fiscal };
}

/**
 * The period a file's name gives, for a file without a period column: `tournees-202401.csv` → `2024-01`,
 * `bilan_2023-2024.csv` → `2023-2024`, `extrait-2024-Q2.csv` → `2024-Q2`, `rapport 2023.csv` → `2023`.
 */
export function periodInFileName(name: string): string | null {
  const base = name.replace(/\.[^.]+$/, '');
  const patterns: [RegExp, (m: RegExpMatchArray) => string | null][] = [
    [/(?:^|\D)(\d{4})-(\d{4})(?!\d)/, (m) => (Number(m[2]) === Number(m[1]) + 1 ? `${m[1]}-${m[2]}` : null)],
    [/(?:^|\D)(\d{4})[-_ ]?[Qq]([1-4])(?!\d)/, (m) => `${m[1]}-Q${m[2]}`],
    [/(?:^|\D)(\d{4})-?(0[1-9]|1[0-2])(?!\d)/, (m) => `${m[1]}-${m[2]}`],
    [/(?:^|\D)((?:19|20)\d{2})(?!\d)/, (m) => m[1]!]
  ];
  for (const [re, make] of patterns) {
    const m = base.match(re);
    const p = m && make(m);
    if (p) return p;
  }
  return null;
}

/** The required fields a mapping still lacks. */
export function missingFields(m: ColumnMapping): Field[] {
  return REQUIRED.filter((f) => {
    if (f === 'indicator') return m.columns.indicator === undefined && !m.indicatorConstant;
    if (f === 'period' && m.layout !== 'wide') return m.columns.period === undefined && !m.periodConstant;
    if (m.layout === 'wide' && (f === 'period' || f === 'value')) return m.periodColumns.length === 0;
    return m.columns[f] === undefined;
  });
}

/** A file layout's signature: the same headers in the same order get the same mapping next time. */
export function headerSignature(header: readonly string[]): string {
  return header.map(normaliseLabel).join('|');
}
