import type { Lang } from './dict';

/** A period as the engine returns it: its text, its first and last day, and its granularity. */
export interface PeriodLike {
  /** The period as written in the data (`2019-2020`, `2019-Q3`, `2012/2015` …). */
  period: string;
  /** First day, `YYYY-MM-DD`. */
  start: string;
  /** Last day, `YYYY-MM-DD`. */
  end: string;
  /** `fiscal_year`, `year`, `quarter`, `month`, `day` or `interval`. */
  granularity: string;
}

/** The units of the catalogue; anything else is drawn as a plain number. */
export type Unit = 'count' | 'CAD' | 'percent' | string;

const locale = (lang: Lang) => (lang === 'fr' ? 'fr-CA' : 'en-CA');
const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), options);
    cache.set(key, f);
  }
  return f;
}

/** A value in its unit: `1 234,5 $`, `54,9 %`, `1 234`. Missing values say so instead of showing 0. */
export function formatValue(value: number | null | undefined, unit: Unit, lang: Lang, missing = '—'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return missing;
  if (unit === 'CAD') {
    return numberFormat(lang, { style: 'currency', currency: 'CAD', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(
      value
    );
  }
  if (unit === 'percent') return numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
  return numberFormat(lang, { maximumFractionDigits: 1 }).format(value);
}

/** A short value for axis ticks: `12,3 M $`, `1,2 k`. */
export function formatTick(value: number, unit: Unit, lang: Lang): string {
  if (unit === 'CAD') {
    return numberFormat(lang, { style: 'currency', currency: 'CAD', notation: 'compact', maximumFractionDigits: 1 }).format(
      value
    );
  }
  if (unit === 'percent') return numberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
  return numberFormat(lang, { notation: Math.abs(value) >= 10_000 ? 'compact' : 'standard', maximumFractionDigits: 1 }).format(
    value
  );
}

/** A plain number: `1 234`. */
export function formatNumber(value: number, lang: Lang): string {
  return numberFormat(lang, { maximumFractionDigits: 1 }).format(value);
}

/** A relative change: `+12,3 %`. */
export function formatChange(ratio: number, lang: Lang): string {
  return numberFormat(lang, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(ratio);
}

/** A share: `84 %`. */
export function formatPercent(ratio: number, lang: Lang): string {
  return numberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** A `YYYY-MM-DD` day as a date at noon UTC, so no zone can move it to the previous day. */
export function dayToDate(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

// Made once per language: an Intl object costs more to build than the many dates a page writes with it.
const dayFormats = {
  fr: new Intl.DateTimeFormat('fr-CA', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-CA', { dateStyle: 'long', timeZone: 'UTC' })
};
const monthFormats = {
  fr: new Intl.DateTimeFormat('fr-CA', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-CA', { month: 'long', year: 'numeric', timeZone: 'UTC' })
};

/** A day in words: `29 novembre 2019`. */
export function formatDay(day: string, lang: Lang): string {
  return dayFormats[lang].format(dayToDate(day));
}

/**
 * A period as people write it: `2019-2020` (fiscal year), `2019`, `T3 2019` / `Q3 2019`,
 * `juillet 2019`, `29 novembre 2019`, `2012–2015` for an interval known only as a range.
 */
export function formatPeriod(p: PeriodLike, lang: Lang): string {
  const y = Number(p.start.slice(0, 4));
  switch (p.granularity) {
    case 'fiscal_year':
      return `${y}-${y + 1}`;
    case 'year':
      return String(y);
    case 'quarter':
      return `${lang === 'fr' ? 'T' : 'Q'}${Math.floor(Number(p.start.slice(5, 7)) / 3) + 1} ${y}`;
    case 'month':
      return monthFormats[lang].format(dayToDate(p.start));
    case 'day':
      return formatDay(p.start, lang);
    case 'interval':
      return `${y}–${p.end.slice(0, 4)}`;
    default:
      return p.period;
  }
}
