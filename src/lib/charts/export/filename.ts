import type { Lang } from '$lib/i18n/dict';
import { FILTER_DIMENSIONS, type Filters } from '$lib/queries/filters';

/** Lower-case ASCII words joined by dashes: `Tournées à l'étranger` → `tournees-a-l-etranger`. */
export function slugify(text: string, max = 48): string {
  const slug = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '') // accents go, letters stay: é → e
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/, '');
}

/** What an export's file name is made of. */
export interface FileNameParts {
  /** What the chart shows: the axis or indicator (`tournees`). */
  subject: string;
  /** The active filters; dimension values are named, the period is given by `span`. */
  filters: Filters;
  /** First and last year drawn, or null when nothing is drawn. */
  span: [number, number] | null;
  /** Size suffix (`diapo`), empty for the on-screen size. */
  size?: string;
  /** Pixel density, named when it is not the default 2×. */
  density?: number;
  lang: Lang;
  /** `png`, `svg`, `csv`. */
  ext: string;
}

/**
 * A file name that says what the file is, so a folder of exports sorts and reads well:
 * `vigie-tournees-europe-2016-2025-diapo-3x-fr.png`.
 */
export function exportFileName(p: FileNameParts): string {
  const parts = [
    'vigie',
    slugify(p.subject),
    ...FILTER_DIMENSIONS.flatMap((d) => (p.filters[d] ? [slugify(p.filters[d], 24)] : [])),
    p.span ? `${p.span[0]}-${p.span[1]}` : '',
    p.size ? slugify(p.size) : '',
    p.density && p.density !== 2 ? `${p.density}x` : '',
    p.lang
  ].filter((s) => s !== '');
  return `${parts.join('-')}.${p.ext}`;
}
