import { getContext, setContext } from 'svelte';
import { translator, type Lang, type Translate } from './dict';

/** The interface language and its translator, shared by the layout with every component below it. */
export interface I18n {
  readonly lang: Lang;
  readonly t: Translate;
}

const KEY = Symbol('vigie-i18n');

/** Called once by the root layout, with a getter so a language change reaches every component. */
export function setI18n(lang: () => Lang): I18n {
  const i18n: I18n = {
    get lang() {
      return lang();
    },
    get t() {
      return translator(lang());
    }
  };
  setContext(KEY, i18n);
  return i18n;
}

/** The language and translator of the page. */
export function getI18n(): I18n {
  return getContext<I18n>(KEY) ?? { lang: 'fr', t: translator('fr') };
}
