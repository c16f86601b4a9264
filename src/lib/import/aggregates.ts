import { normaliseLabel } from './labels';

/** The dimensions whose rows Vigie adds up in a chart, so a total among its parts would count twice. */
export const LEVEL_FIELDS = ['region', 'country', 'discipline', 'program'] as const;
export type LevelField = (typeof LEVEL_FIELDS)[number];

/** Which rows of a dimension that holds both a total and its parts are loaded. */
export type Level = 'total' | 'parts';

/** Why a member was recognised as a total of others. */
export type AggregateReason = 'total' | 'canada' | 'hierarchy';

/** A member of a file's column that adds up other members of the same column. */
export interface AggregateMember {
  member: string;
  rows: number;
  reason: AggregateReason;
  /**
   * The grand total (nothing above it): loading the total level keeps only these rows, so that a
   * subtotal (`Québec` under `Canada` in a hierarchy, a `Sous-total`) is not added to it.
   */
  top: boolean;
}

/** A column holding totals and their parts: the manager loads one level, never both summed. */
export interface AggregateColumn {
  field: LevelField;
  /** The file's header of that column. */
  column: string;
  totals: AggregateMember[];
  /** Rows of the other members (the parts). */
  partRows: number;
  /** How many distinct parts. */
  parts: number;
}

/** A member of a column and how many rows it has; `path` is its StatCan hierarchy (`1.2.5`) when given. */
export interface MemberCount {
  member: string;
  rows: number;
  path?: string | null;
}

// "Total", "Total, all disciplines", "Grand total", "Ensemble du Québec", "Tous les pays", "All regions",
// "Sous-total" — in either language, after normalisation (accents, case and punctuation gone).
const TOTAL_WORDS = /^(total|totaux|grand total|total general|sous total|subtotal|ensemble|tous|toutes|all|overall)( |$)/;

// Provinces and territories in both languages, normalised: "Canada" is their total only beside them.
const PROVINCES = new Set([
  'newfoundland and labrador',
  'terre neuve et labrador',
  'prince edward island',
  'ile du prince edouard',
  'nova scotia',
  'nouvelle ecosse',
  'new brunswick',
  'nouveau brunswick',
  'quebec',
  'ontario',
  'manitoba',
  'saskatchewan',
  'alberta',
  'british columbia',
  'colombie britannique',
  'yukon',
  'northwest territories',
  'territoires du nord ouest',
  'nunavut'
]);

/** Whether a label names a total by its words (`Total`, `TOTAL`, `Total, all …`, `Ensemble du Québec`). */
export function isTotalLabel(label: string): boolean {
  return TOTAL_WORDS.test(normaliseLabel(label));
}

/**
 * The members of one column that are totals of other members of that column: by their words, "Canada"
 * beside provinces or territories, or by Statistics Canada's hierarchy (a member whose path is the prefix
 * of another's). A column with no part beside its total has nothing to choose and gives an empty list.
 */
export function aggregateMembers(members: readonly MemberCount[]): AggregateMember[] {
  const names = members.map((m) => normaliseLabel(m.member));
  const hasProvince = names.some((n) => PROVINCES.has(n));
  const paths = members.map((m) => m.path?.trim() || null);
  const out: AggregateMember[] = [];
  members.forEach((m, i) => {
    const path = paths[i] ?? null;
    const parent = path !== null && paths.some((p, j) => j !== i && p !== null && p.startsWith(`${path}.`));
    const reason: AggregateReason | null = parent
      ? 'hierarchy'
      : isTotalLabel(m.member)
        ? 'total'
        : names[i] === 'canada' && hasProvince
          ? 'canada'
          : null;
    const child = path !== null && paths.some((p, j) => j !== i && p !== null && path.startsWith(`${p}.`));
    const sub = /^(sous total|subtotal)( |$)/.test(names[i]!);
    if (reason) out.push({ member: m.member, rows: m.rows, reason, top: !child && !sub });
  });
  if (out.length === members.length) return [];
  // Subtotals with no grand total above them: each is a total of its own parts.
  if (!out.some((a) => a.top)) for (const a of out) a.top = true;
  return out;
}
