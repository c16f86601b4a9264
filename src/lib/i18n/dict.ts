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
  return (key, vars) => {
    const text = dict[key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}

export type { MessageKey };
