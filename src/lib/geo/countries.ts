import countries from 'i18n-iso-countries';

const { alpha3ToAlpha2, alpha3ToNumeric } = countries; // a CommonJS package: no named exports under Node
import type { Lang } from '$lib/i18n/dict';

/** The world-atlas id (ISO 3166-1 numeric, three digits) of an alpha-3 code, or null if unknown. */
export function atlasId(alpha3: string): string | null {
  const n = alpha3ToNumeric(alpha3.toUpperCase());
  return n ? String(n).padStart(3, '0') : null;
}

/** A country's name in the interface language, from the browser's own Intl data; the code if unknown. */
export function countryName(alpha3: string, lang: Lang): string {
  const a2 = alpha3ToAlpha2(alpha3.toUpperCase());
  if (!a2) return alpha3;
  try {
    return new Intl.DisplayNames([lang === 'fr' ? 'fr-CA' : 'en-CA'], { type: 'region' }).of(a2) ?? alpha3;
  } catch {
    return alpha3;
  }
}
