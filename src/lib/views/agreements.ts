import type { Coordinator } from '$lib/coordinator/coordinator';
import { agreementsQuery, type Agreement } from '$lib/queries/agreements';
import type { Annotation } from '$lib/queries/annotations';
import type { Filters } from '$lib/queries/filters';
import type { Indicator } from '$lib/queries/indicators';
import type { SeriesPoint } from '$lib/queries/observations';
import { pageBasis } from './basis';
import type { FilterOptions } from './options';
import { combineOf } from './accumulate';
import { displayKind, forDisplay } from './granularity';
import { domainOf } from './overview';

/** How many agreements share a value (a type, a scope, a country). */
export interface Count {
  key: string;
  n: number;
}

/** A partner country on the map. */
export interface PartnerCountry {
  /** ISO alpha-3. */
  code: string;
  n: number;
  /** At least one of its agreements cites the 2005 UNESCO Convention. */
  cites: boolean;
}

/** Everything the agreements page draws. */
export interface AgreementsModel {
  agreements: Agreement[];
  /** The indicator of new commitments, and its series (per year, uncertain ones as intervals). */
  indicator: Indicator | null;
  perYear: SeriesPoint[];
  /** Cumulative count per year: at the earliest (uncertain ones counted from their first possible year) and at the latest. */
  cumulative: { early: SeriesPoint[]; late: SeriesPoint[] };
  byType: Count[];
  byScope: Count[];
  countries: PartnerCountry[];
  annotations: Annotation[];
  options: FilterOptions;
  domain: [string, string] | null;
}

/** Counts rows by a key, largest first. */
export function countBy<T>(rows: readonly T[], key: (r: T) => string | null): Count[] {
  const m = new Map<string, number>();
  for (const r of rows) {
    const k = key(r) ?? '';
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m].map(([k, n]) => ({ key: k, n })).sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
}

/**
 * Cumulative counts that never invent a date: a commitment known only within 2016/2020 is counted
 * from 2016 in the "earliest" line and from 2020 in the "latest" one; the truth lies between.
 */
export function cumulate(points: readonly SeriesPoint[]): { early: SeriesPoint[]; late: SeriesPoint[] } {
  const dated = points.filter((p) => p.value !== null);
  if (!dated.length) return { early: [], late: [] };
  const first = Math.min(...dated.map((p) => Number(p.start.slice(0, 4))));
  const last = Math.max(...dated.map((p) => Number(p.end.slice(0, 4))));
  const early: SeriesPoint[] = [];
  const late: SeriesPoint[] = [];
  for (let y = first; y <= last; y++) {
    const base = {
      indicator_id: 'ententes_cumul',
      period: String(y),
      start: `${y}-01-01`,
      end: `${y}-12-31`,
      granularity: 'year'
    };
    const sample = dated.some((p) => p.sample);
    const sum = (keep: (p: SeriesPoint) => boolean) => dated.filter(keep).reduce((s, p) => s + (p.value ?? 0), 0);
    early.push({ ...base, value: sum((p) => Number(p.start.slice(0, 4)) <= y), sample, note: null, source: null });
    late.push({ ...base, value: sum((p) => Number(p.end.slice(0, 4)) <= y), sample, note: null, source: null });
  }
  return { early, late };
}

/** The agreements page's model for a set of filters (only the period applies). */
export async function agreementsModel(db: Coordinator, filters: Filters): Promise<AgreementsModel> {
  const periodOnly: Filters = { ...filters, region: null, discipline: null, program: null };
  const [agreements, { catalogue, annotations, options }, perYear] = await Promise.all([
    db.query<Agreement>(agreementsQuery(periodOnly)),
    pageBasis(db),
    db.series(['ententes_nouvelles'], periodOnly)
  ]);
  const byCountry = new Map<string, PartnerCountry>();
  for (const a of agreements) {
    const c = byCountry.get(a.partner_country) ?? { code: a.partner_country, n: 0, cites: false };
    c.n += 1;
    c.cites ||= a.cites_2005_convention;
    byCountry.set(a.partner_country, c);
  }
  const cumulative = cumulate(perYear);
  const indicator = catalogue.find((i) => i.indicator_id === 'ententes_nouvelles') ?? null;
  // Never more marks than a chart can show, however many days the data hold (views/granularity.ts).
  const combine = indicator ? combineOf(indicator) : ({ measure: 'flow', unit: 'count' } as const);
  const shown = forDisplay(perYear, displayKind(perYear, 'year'), combine);
  return {
    agreements,
    indicator,
    perYear: shown,
    cumulative,
    byType: countBy(agreements, (a) => a.type),
    byScope: countBy(agreements, (a) => a.scope),
    countries: [...byCountry.values()].sort((a, b) => b.n - a.n),
    annotations,
    options,
    domain: domainOf([...shown, ...cumulative.early])
  };
}
