import type { Lang, Translate } from '$lib/i18n/dict';
import { formatDay } from '$lib/i18n/format';
import { FILTER_DIMENSIONS, type FilterDimension, type Filters } from '$lib/queries/filters';

const DIM_LABEL = { region: 'filters.region', discipline: 'filters.discipline', program: 'filters.program' } as const;

/**
 * The active filters in words, for an exported image's subtitle and the report's cover:
 * `Filtres : 2016 à 2024 · Région : Europe`. Dimensions the indicator has no data for are said to
 * be not applicable rather than silently listed as if they had filtered it.
 */
export function filtersText(filters: Filters, t: Translate, ignored: readonly FilterDimension[] = [], prefixed = true): string {
  const parts: string[] = [];
  const { from, to } = filters;
  const period = (value: string) => t('export.labelled', { label: t('chart.period'), value });
  if (from !== null && to !== null) parts.push(period(t('export.years', { from, to })));
  else if (from !== null) parts.push(period(t('export.since', { from })));
  else if (to !== null) parts.push(period(t('export.until', { to })));
  for (const d of FILTER_DIMENSIONS) {
    const value = filters[d];
    if (value === null) continue;
    const filter = t('export.labelled', { label: t(DIM_LABEL[d]), value });
    parts.push(ignored.includes(d) ? t('export.notApplicable', { filter }) : filter);
  }
  if (!parts.length) return t('export.noFilter');
  return prefixed ? t('export.filters', { list: parts.join(' · ') }) : parts.join(' · ');
}

/** A day of the user's calendar as `YYYY-MM-DD` (not UTC's, which is tomorrow in Québec's evening). */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The export's date line: `Vigie · exporté le 12 mai 2025`. */
export function exportDateText(date: Date, lang: Lang, t: Translate): string {
  return t('export.date', { date: formatDay(localDay(date), lang) });
}

/** Each source once, in order, from sources that may already be joined with ` · `; sample data cites none. */
export function distinctSources(sources: readonly (string | null)[]): string[] {
  const all = sources.flatMap((s) => (s ? s.split(' · ') : [])).map((s) => s.trim());
  return [...new Set(all.filter((s) => s !== '' && s !== 'sample'))];
}
