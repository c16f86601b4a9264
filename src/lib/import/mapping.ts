import type { Layout, Sniffed } from './detect';

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
    'annee financiere',
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
  unit: ['unit', 'unite', 'uom'],
  scalar: ['scalar factor'],
  status: ['status', 'statut']
};

/** Statistics Canada's own columns; any other column of such a table is one of its dimensions. */
const STATCAN_META = [
  'ref date',
  'geo',
  'dguid',
  'uom',
  'uom id',
  'scalar factor',
  'scalar id',
  'vector',
  'coordinate',
  'value',
  'status',
  'symbol',
  'terminated',
  'decimals'
];

/** A header or label reduced for comparison: no accents, lower case, words separated by one space. */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The field a header names, if any. */
export function fieldOf(header: string): Field | null {
  const k = normaliseLabel(header);
  for (const f of FIELDS) if (SYNONYMS[f].includes(k)) return f;
  return null;
}

/** Vigie's first guess of the mapping, from the header and the layout. */
export function proposeMapping(
  sniffed: Pick<Sniffed, 'header' | 'layout'>,
  isPeriodHeader: (h: string) => boolean
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
    const at = (k: string) => {
      const i = header.findIndex((h) => normaliseLabel(h) === k);
      return i >= 0 ? i : undefined;
    };
    Object.assign(columns, {
      period: at('ref date'),
      value: at('value'),
      region: at('geo'),
      unit: at('uom'),
      scalar: at('scalar factor'),
      status: at('status')
    });
    delete columns.source;
    // The table's own dimension (e.g. "Fuel consumed for electric power generation") names the series.
    const dimension = header.findIndex((h) => !STATCAN_META.includes(normaliseLabel(h)));
    if (dimension >= 0) columns.indicator = dimension;
  }
  if (layout === 'wide' && columns.indicator === undefined) {
    // One identifying column left unnamed is the indicator (e.g. a first column "Nom").
    const used = new Set(Object.values(columns));
    const rest = header.flatMap((_, i) => (periodColumns.includes(i) || used.has(i) ? [] : [i]));
    if (rest.length === 1) columns.indicator = rest[0];
  }
  return { layout, columns, periodColumns, indicatorConstant: null };
}

/** The required fields a mapping still lacks. */
export function missingFields(m: ColumnMapping): Field[] {
  return REQUIRED.filter((f) => {
    if (f === 'indicator') return m.columns.indicator === undefined && !m.indicatorConstant;
    if (m.layout === 'wide' && (f === 'period' || f === 'value')) return m.periodColumns.length === 0;
    return m.columns[f] === undefined;
  });
}

/** A file layout's signature: the same headers in the same order get the same mapping next time. */
export function headerSignature(header: readonly string[]): string {
  return header.map(normaliseLabel).join('|');
}
