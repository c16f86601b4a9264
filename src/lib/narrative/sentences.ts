import type { Lang } from '$lib/i18n/dict';
import { en } from './en';
import type { Fact } from './facts';
import { fr } from './fr';
import { speakerOf, type SentenceContext, type Voice } from './voice';

const VOICES: Record<Lang, Voice> = { fr, en };

/** The highlights in words, one sentence (or two) a fact, in the interface language. */
export function sentencesOf(facts: readonly Fact[], ctx: SentenceContext, lang: Lang): string[] {
  const voice = VOICES[lang];
  const speaker = speakerOf(ctx, lang);
  return facts.map((f) => (voice[f.kind] as (fact: Fact, s: typeof speaker) => string)(f, speaker));
}

export type { SentenceContext };
