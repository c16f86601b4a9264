import type { SqlQuery } from '$lib/db/types';

/** A dated event drawn on every time axis (the Vision's publication, the pandemic …). */
export interface Annotation {
  /** Day the event starts, `YYYY-MM-DD`. */
  at: string;
  label_fr: string;
  label_en: string;
  short_fr: string;
  short_en: string;
}

/** Every event of `data/annotations.csv`, in time order. */
export function annotationsQuery(): SqlQuery {
  return {
    sql: `SELECT strftime(starts, '%Y-%m-%d') AS "at", label_fr, label_en, short_fr, short_en FROM annotations ORDER BY starts`
  };
}
