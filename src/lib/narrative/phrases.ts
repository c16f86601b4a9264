import type { Lang } from '$lib/i18n/dict';
import { periodsEn, periodsFr } from '$lib/i18n/areas/periods';
import { formatDay, formatPeriod, formatValue, type PeriodLike } from '$lib/i18n/format';

// Pieces of prose both languages need: periods after a preposition, numbers as sentences write them.

const locale = (lang: Lang) => (lang === 'fr' ? 'fr-CA' : 'en-CA');
const formats = new Map<string, Intl.NumberFormat>();
const number = (lang: Lang, digits: number, style: 'percent' | 'decimal') => {
  const key = `${lang}${digits}${style}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale(lang), { style, maximumFractionDigits: digits })));
  return f;
};

/** French's non-breaking space, before a colon and inside « » (OQLF). */
export const NBSP = '\u00a0';

/** A relative change without its sign, as a sentence says it: `1,3 %` under a tenth, `17 %` above. */
export function ratioText(ratio: number, lang: Lang): string {
  const r = Math.abs(ratio);
  return number(lang, r < 0.1 ? 1 : 0, 'percent').format(r);
}

/** A number of points without its sign: `2,1`. */
export function pointsText(points: number, lang: Lang): string {
  return number(lang, 1, 'decimal').format(Math.abs(points));
}

// Made once per language: building an Intl object costs more than the dozens of sentences a filter
// change writes with it.
const plurals = { fr: new Intl.PluralRules('fr-CA'), en: new Intl.PluralRules('en-CA') };
const lists = {
  fr: new Intl.ListFormat('fr-CA', { type: 'conjunction' }),
  en: new Intl.ListFormat('en-CA', { type: 'conjunction' })
};

/** Whether a count reads in the singular (French: 0, 1 and 1,5; English: 1 only). */
export function isSingular(n: number, lang: Lang): boolean {
  return plurals[lang].select(Math.abs(n)) === 'one';
}

/**
 * A projected value rounded to three significant digits (449,79 → 450; 14 235 679 $ → 14 200 000 $), and
 * to whole units but for a rate (99,3 tours → 99; 57,34 % → 57,3 %): a trend does not know the units digit
 * of a count five years ahead.
 */
export function projectedText(value: number, unit: string, lang: Lang): string {
  if (value === 0) return formatValue(0, unit, lang);
  const significant = 10 ** (Math.floor(Math.log10(Math.abs(value))) - 2);
  const magnitude = unit === 'percent' ? significant : Math.max(1, significant);
  return formatValue(Math.round(value / magnitude) * magnitude, unit, lang);
}

/** A period after « en », « au », « le »: `en 2019-2020`, `au T3 2019`, `en juillet 2019`, `le 29 novembre 2019`. */
export function inPeriod(p: PeriodLike, lang: Lang): string {
  const text = formatPeriod(p, lang);
  if (p.granularity === 'interval') {
    const [a, b] = [p.start.slice(0, 4), p.end.slice(0, 4)];
    return lang === 'fr' ? `de ${a} à ${b}` : `from ${a} to ${b}`;
  }
  if (lang === 'en') return `${p.granularity === 'day' ? 'on' : 'in'} ${text}`;
  return `${p.granularity === 'quarter' ? 'au' : p.granularity === 'day' ? 'le' : 'en'} ${text}`;
}

/**
 * A value's period after its preposition, in the key figures' words when it is not over: a flow's total
 * to date `en 2026-2027, cumul de l'exercice à ce jour (jusqu'au 30 septembre 2026)`, a level so far
 * `au 3 mars 2026`, a period with a missing part `en 2024 (incomplet : valeurs manquantes)`.
 */
export function inShownPeriod(v: { period: PeriodLike; through?: string }, measure: 'flow' | 'stock', lang: Lang): string {
  const at = inPeriod(v.period, lang);
  if (!v.through) return at;
  const words = lang === 'fr' ? periodsFr : periodsEn;
  const text = formatPeriod(v.period, lang);
  const day = formatDay(v.through, lang);
  if (measure === 'stock') return v.through < v.period.end ? `${lang === 'fr' ? 'au' : 'on'} ${day}` : at;
  if (v.through >= v.period.end) return at.replace(text, words['period.incomplete'].replace('{period}', text));
  const kind = (['fiscal_year', 'year', 'quarter', 'month'] as const).find((k) => k === v.period.granularity) ?? 'day';
  const toDate = words['period.through']
    .replace('{period}', text)
    .replace('{toDate}', words[`period.toDate.${kind}`])
    .replace('{day}', day);
  return at.replace(text, toDate);
}

/** A period after « de » in French (« la baisse de 2020-2021 », « du T3 2020 »), plain in English. */
export function ofPeriod(p: PeriodLike, lang: Lang): string {
  const text = formatPeriod(p, lang);
  if (lang === 'en') return text;
  return `${p.granularity === 'quarter' || p.granularity === 'day' ? 'du' : 'de'} ${text}`;
}

/** Periods as a list: `2024-2025 et 2025-2026`. */
export function listOf(periods: readonly PeriodLike[], lang: Lang): string {
  return lists[lang].format(periods.map((p) => formatPeriod(p, lang)));
}

/** French « que » before a word, elided before a vowel: `qu'en 2019-2020`, `que le 3 mai`. */
export function que(words: string): string {
  return /^[aeiouàâéèê]/i.test(words) ? `qu'${words}` : `que ${words}`;
}

/** The first letter in capitals, for a phrase that starts a sentence. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
