/** The dimensions an observation may be broken down by (columns of the observations table). */
export const DIMENSIONS = ['region', 'country', 'discipline', 'program'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The dimensions a manager filters on from the filter bar. */
export const FILTER_DIMENSIONS = ['region', 'discipline', 'program'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

/** What every chart of a page is restricted to. `null` means no restriction. */
export interface Filters {
  /** First year kept (by the year a period starts in: fiscal year 2019-2020 counts as 2019). */
  from: number | null;
  /** Last year kept, same rule. */
  to: number | null;
  /** Only observations of this region. */
  region: string | null;
  /** Only observations of this discipline. */
  discipline: string | null;
  /** Only observations of this program. */
  program: string | null;
}

/** No filter at all. */
export const NO_FILTERS: Filters = { from: null, to: null, region: null, discipline: null, program: null };

/** Whether any dimension (not period) filter is set: targets are then not comparable. */
export function hasDimensionFilter(f: Filters): boolean {
  return FILTER_DIMENSIONS.some((d) => f[d] !== null);
}
