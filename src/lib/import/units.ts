import { normaliseLabel } from './labels';

/** The kinds of unit Vigie tells apart: the catalogue's three, or another unit named by its text. */
export type UnitKind = 'count' | 'CAD' | 'percent' | `other:${string}`;

/** What a unit's text says: its kind and the scale it implies (« milliers de dollars » = CAD × 1 000). */
export interface FileUnit {
  kind: UnitKind;
  scale: number;
}

const SCALES: [RegExp, number][] = [
  [/\b(milliers|thousands|thousand|k)\b/, 1e3],
  [/\b(millions|million|m)\b/, 1e6],
  [/\b(milliards|billions|billion|g|md)\b/, 1e9]
];

const DOLLARS = /\b(dollars?|cad|ca)\b/;
const COUNTS = /^(nombre|number|count|compte|unites?|units?|personnes|persons|people)$/;
const PERCENT = /^(pourcentage|percentage|percent|pour cent|%)$/;

/**
 * Reads a unit as written in a file (Statistics Canada's `UOM`, a unit column, a header's parenthesis):
 * `Dollars`, `milliers de dollars`, `k$`, `Nombre`, `Pourcentage`, `%`, `Kilolitres` … Null when the
 * text names no unit at all.
 */
export function readUnit(text: string | null | undefined): FileUnit | null {
  if (!text) return null;
  const raw = text.trim();
  if (!raw) return null;
  // `$` and `%` disappear in normalisation: note them first.
  const dollar = raw.includes('$');
  const percent = raw.includes('%');
  const k = normaliseLabel(raw);
  let scale = 1;
  for (const [re, s] of SCALES) if (re.test(k)) scale = s;
  if (dollar || DOLLARS.test(k)) return { kind: 'CAD', scale };
  if (percent || PERCENT.test(k)) return { kind: 'percent', scale: 1 };
  const bare = k
    .replace(SCALES[0]![0], '')
    .replace(SCALES[1]![0], '')
    .replace(/\b(de|d|of|en|in)\b/g, '')
    .trim();
  if (COUNTS.test(bare) || (bare === '' && scale > 1)) return { kind: 'count', scale };
  // A year or a code is not a unit.
  if (!bare || /\d/.test(bare)) return null;
  return { kind: `other:${bare}`, scale: 1 };
}

/** The kind of a catalogue unit (`count`, `CAD`, `percent`, or a unit described in words). */
export function catalogueKind(unit: string | null | undefined): UnitKind | null {
  if (!unit) return null;
  if (unit === 'count' || unit === 'CAD' || unit === 'percent') return unit;
  return readUnit(unit)?.kind ?? null;
}

/** Whether a file's unit may load into an indicator of the catalogue's unit. */
export function unitsAgree(file: UnitKind, catalogue: UnitKind): boolean {
  return file === catalogue;
}

/**
 * The unit a header names in parentheses or after a comma: `Montant ($)`, `Valeur (en milliers de
 * dollars)`, `Taux (%)`, `Consommation, MWh`.
 */
export function unitInHeader(header: string): FileUnit | null {
  const inParentheses = header.match(/\(([^)]*)\)\s*$/);
  if (inParentheses) return readUnit(inParentheses[1]);
  // After a comma only the units Vigie knows: « Valeur, en dollars », not « Valeur, Québec ».
  const afterComma = header.match(/,\s*([^,]+)$/);
  const unit = afterComma ? readUnit(afterComma[1]) : null;
  return unit && !unit.kind.startsWith('other:') ? unit : null;
}
