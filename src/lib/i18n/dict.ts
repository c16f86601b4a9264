import { en } from './en';
import { fr, type MessageKey } from './fr';

/** The interface languages; French first. */
export type Lang = 'fr' | 'en';

/** Every language the interface speaks. */
export const LANGS: readonly Lang[] = ['fr', 'en'];

const dictionaries: Record<Lang, Record<MessageKey, string>> = { fr, en };

/** Reads `value` as a language, French when it is anything else. */
export function asLang(value: string | null | undefined): Lang {
  return value === 'en' ? 'en' : 'fr';
}

/** A translator for one language: `t('panel.change', { period: '2019-2020' })`. */
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Returns the translator of `lang`; `{name}` placeholders are filled from `vars`. */
export function translator(lang: Lang): Translate {
  const dict = dictionaries[lang];
  const locale = lang === 'fr' ? 'fr-CA' : 'en-CA';
  const plural = new Intl.PluralRules(locale);
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return (key, vars) => {
    if (!vars) return dict[key];
    // A count `n` picks the singular message (`key.one`) where the language says so (French: 0 and 1),
    // and is written with the language's digit grouping (1 000 000).
    const n = vars.n;
    const one = typeof n === 'number' && plural.select(n) === 'one' ? (dict as Record<string, string>)[`${key}.one`] : undefined;
    const text = one ?? dict[key];
    return text.replace(/\{(\w+)\}/g, (m, name: string) =>
      !(name in vars) ? m : name === 'n' && typeof n === 'number' ? count.format(n) : String(vars[name])
    );
  };
}

export type { MessageKey };
