import type { Lang } from '$lib/i18n/dict';
import type { Indicator } from '$lib/queries/indicators';
import type { Fact, FactKind } from './facts';
import { wordingOf, type Wording } from './lexicon';

/** What a sentence needs besides its fact: the indicator it speaks of, and how to name a breakdown's groups. */
export interface SentenceContext {
  indicator: Indicator;
  /** A breakdown group's name in the interface language (a country's name, « Autres »). */
  groupLabel: (key: string | null) => string;
}

/** What a voice knows while writing: the context, and the indicator's words if the lexicon has them. */
export interface Speaker extends SentenceContext {
  lang: Lang;
  wording: Wording | null;
}

/** One language's way of saying each kind of fact. */
export type Voice = { [K in FactKind]: (fact: Extract<Fact, { kind: K }>, s: Speaker) => string };

/** The speaker of a context: counted words only for an indicator that counts. */
export function speakerOf(ctx: SentenceContext, lang: Lang): Speaker {
  const wording = wordingOf(ctx.indicator.indicator_id);
  const fits = wording && (wording.kind === 'counted') === (ctx.indicator.unit === 'count');
  return { ...ctx, lang, wording: fits ? wording : null };
}
