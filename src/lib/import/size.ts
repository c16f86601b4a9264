import type { Lang } from '$lib/i18n/dict';

/** A file size in the interface language: `40,2 Mo` / `40.2 MB`. */
export function formatBytes(bytes: number, lang: Lang): string {
  const units = lang === 'fr' ? ['o', 'ko', 'Mo', 'Go'] : ['B', 'kB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const n = new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v);
  return `${n}\u00a0${units[i]}`;
}
