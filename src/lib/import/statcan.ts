import { normaliseLabel } from './labels';

/**
 * Statistics Canada's full-table CSV, in English (`REF_DATE, GEO, …, VALUE`) and in French
 * (`PÉRIODE DE RÉFÉRENCE; GÉO; …; VALEUR`, `;`-separated with decimal commas): the role of each of its
 * own columns, by the normalised header. Every other column is one of the table's dimensions.
 */
const ROLES = {
  period: ['ref date', 'periode de reference'],
  region: ['geo'],
  unit: ['uom', 'unite de mesure'],
  scalar: ['scalar factor', 'facteur scalaire'],
  value: ['value', 'valeur'],
  status: ['status', 'statut']
} as const;

/** The table's own columns that hold no dimension (identifiers and flags). */
const META = [
  'dguid',
  'uom id',
  'identificateur d unite de mesure',
  'scalar id',
  'identificateur scalaire',
  'vector',
  'vecteur',
  'coordinate',
  'coordonnees',
  'symbol',
  'symbole',
  'symbols',
  'symboles',
  'terminated',
  'termine',
  'decimals',
  'decimales'
];

/** Columns some exports add beside a dimension: its hierarchy (`1.2.5`) or its classification code. */
const ANNEX = /^(hierarchy for|hierarchie pour|classification code for|code de classification pour) (.+)$/;

export type StatcanRole = keyof typeof ROLES;

/** The StatCan role of a header, if it is one of the table's own columns. */
export function statcanRole(header: string): StatcanRole | null {
  const k = normaliseLabel(header);
  for (const [role, names] of Object.entries(ROLES)) if ((names as readonly string[]).includes(k)) return role as StatcanRole;
  return null;
}

/** Whether a header is one of the table's own columns, or an annex of a dimension (not a dimension itself). */
export function isStatcanMeta(header: string): boolean {
  const k = normaliseLabel(header);
  return statcanRole(header) !== null || META.includes(k) || ANNEX.test(k);
}

/** The dimension a `Hierarchy for X` / `Hiérarchie pour X` column describes, as its normalised name. */
export function hierarchyOf(header: string): string | null {
  const m = normaliseLabel(header).match(ANNEX);
  return m && m[1]!.startsWith('hier') ? m[2]! : null;
}

/** Whether a header row is a Statistics Canada table, in either language. */
export function isStatcanHeader(header: readonly string[]): boolean {
  const roles = new Set(header.map(statcanRole));
  return roles.has('period') && roles.has('value') && (roles.has('region') || roles.has('scalar') || roles.has('unit'));
}
