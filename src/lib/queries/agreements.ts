import type { SqlQuery } from '$lib/db/types';
import type { Filters } from './filters';
import { Where } from './sql';

/** An international commitment, with its signing date normalised but never made more precise. */
export interface Agreement {
  partner: string;
  /** ISO 3166-1 alpha-3. */
  partner_country: string;
  type: string;
  scope: string | null;
  /** As written: `2016-05-26`, `2016-09`, `2016/2020`. */
  signed: string;
  /** `day`, `month`, `year` or `interval`. */
  signed_granularity: string;
  signed_start: string;
  signed_end: string;
  cites_2005_convention: boolean;
  in_force: boolean;
  source: string | null;
}

function periodWhere(f: Filters): Where {
  const w = new Where();
  // An agreement known only within 2016/2020 is kept when that interval overlaps the chosen years.
  if (f.from !== null) w.and('year(signed_end) >= ?', f.from);
  if (f.to !== null) w.and('year(signed_start) <= ?', f.to);
  return w;
}

/** The agreements in the period filter, oldest first, uncertain ones after the precise ones of their start year. */
export function agreementsQuery(filters: Filters): SqlQuery {
  const w = periodWhere(filters);
  return {
    sql: `SELECT partner, partner_country, type, scope, signed, signed_granularity,
  strftime(signed_start, '%Y-%m-%d') AS signed_start, strftime(signed_end, '%Y-%m-%d') AS signed_end,
  cites_2005_convention, in_force, source
FROM agreements
${w}
ORDER BY signed_start, signed_end, partner`,
    params: w.params
  };
}
