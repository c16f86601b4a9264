import { formatDay, formatPercent, formatPeriod, formatValue } from '$lib/i18n/format';
import type { Dimension } from '$lib/queries/filters';
import type { Valued } from './facts';
import {
  capitalise,
  inPeriod,
  inShownPeriod,
  isSingular,
  listOf,
  NBSP,
  ofPeriod,
  pointsText,
  projectedText,
  que,
  ratioText
} from './phrases';
import type { Speaker, Voice } from './voice';

// The highlights in French (fr-CA, OQLF typography: a non-breaking space before the colon, numbers by Intl).

const C = `${NBSP}:`;
const BY: Record<Dimension, string> = {
  region: 'Par région',
  country: 'Par pays',
  discipline: 'Par discipline',
  program: 'Par programme'
};

const value = (v: number, s: Speaker) => formatValue(v, s.indicator.unit, 'fr');
const when = (v: Valued, s: Speaker) => inShownPeriod(v, s.indicator.measure, 'fr');
const chance = (level: number) => `dans ${Math.round(level * 10)} cas sur 10`;

/** « 1,3 % de plus », « 2 points de pourcentage de moins », « autant »: how `to` compares with `from`. */
function compared(from: number, to: number, s: Speaker): string | null {
  if (to === from) return 'autant';
  const more = to > from ? 'de plus' : 'de moins';
  if (s.indicator.unit === 'percent') {
    const d = to - from;
    return `${pointsText(d, 'fr')} ${isSingular(d, 'fr') ? 'point' : 'points'} de pourcentage ${more}`;
  }
  return from === 0 ? null : `${ratioText((to - from) / from, 'fr')} ${more}`;
}

/** The sentence's subject and verb: « 397 tournées à l'étranger ont été soutenues », « on comptait 35 … ». */
function statement(v: Valued, s: Speaker): string {
  const w = s.wording;
  const n = value(v.value, s);
  if (!w) return `${s.indicator.name_fr}${C} ${n} ${when(v, s)}`;
  const start = capitalise(when(v, s));
  if (w.kind === 'measured') return `${start}, ${w.fr.subject} ${w.fr.verb} ${n}`;
  const one = isSingular(v.value, 'fr');
  const noun = one ? w.fr.one : w.fr.other;
  if (w.fr.participle === null) return `${start}, on comptait ${n} ${noun}`;
  const agreed = `${w.fr.participle}${w.fr.gender === 'f' ? 'e' : ''}${one ? '' : 's'}`;
  return `${start}, ${n} ${noun} ${one ? 'a' : 'ont'} été ${agreed}${w.fr.tail ? ` ${w.fr.tail}` : ''}`;
}

const target = (t: number, s: Speaker) => `la cible de ${value(t, s)}`;

/** How each fact reads in French. */
export const fr: Voice = {
  sample: () => `Données d'exemple${C} chiffres générés pour la démonstration.`,
  noData: () => `Aucune valeur n'est disponible pour ces filtres.`,
  latest: (f, s) => {
    const parts: string[] = [];
    const previous = f.previous && compared(f.previous.value, f.latest.value, s);
    if (previous)
      parts.push(
        f.sameSpan
          ? `${previous} qu'à la même période ${ofPeriod(f.previous!.period, 'fr')}`
          : `${previous} ${que(when(f.previous!, s))}`
      );
    const baseline = f.baseline && compared(f.baseline.value, f.latest.value, s);
    if (baseline) parts.push(`${baseline} qu'avant la Vision (${formatPeriod(f.baseline!.period, 'fr')})`);
    const missing = f.missing.length ? ` Aucune valeur n'est disponible pour ${listOf(f.missing, 'fr')}.` : '';
    const unknown = f.unknownPrevious
      ? ` Aucune valeur pour ${formatPeriod(f.unknownPrevious, 'fr')}, la période précédente.`
      : '';
    return `${statement(f.latest, s)}${parts.length ? `, ${parts.join(' et ')}` : ''}.${unknown}${missing}`;
  },
  record: (f, s) =>
    `${f.high ? 'Plus haut' : 'Plus bas'} niveau de la série (depuis ${formatPeriod(f.since, 'fr')})${C} ${value(f.at.value, s)} ${when(f.at, s)}.`,
  move: (f, s) => {
    const event = f.event ? ` (repère${C} ${f.event.short_fr}, ${formatDay(f.event.at, 'fr')})` : '';
    return `Plus forte ${f.rise ? 'hausse' : 'baisse'}${C} ${ratioText(f.change, 'fr')} ${when(f.to, s)}${event}.`;
  },
  recovery: (f, s) => {
    const level = `le niveau d'avant la baisse ${ofPeriod(f.fall, 'fr')} (${value(f.before.value, s)} ${when(f.before, s)})`;
    if (f.recovered) return `${capitalise(level)} a été retrouvé ${inPeriod(f.recovered, 'fr')}.`;
    const gap = f.before.value === 0 ? '' : ` ${ratioText((f.latest.value - f.before.value) / f.before.value, 'fr')}`;
    return `${capitalise(when(f.latest, s))}, toujours${gap} sous ${level}.`;
  },
  target: (f, s) => {
    const of = `${target(f.target, s)} fixée pour ${f.period}`;
    const pct = formatPercent(f.progress, 'fr');
    switch (f.state) {
      case 'met':
        return `${capitalise(of)} a été atteinte${C} ${value(f.value.value, s)}, soit ${pct} de la cible.`;
      case 'missed':
        return `${capitalise(of)} n'a pas été atteinte${C} ${value(f.value.value, s)}, soit ${pct} de la cible.`;
      case 'ahead':
        return `${capitalise(of)} est déjà atteinte${C} ${value(f.value.value, s)} ${when(f.value, s)}, soit ${pct} de la cible.`;
      default:
        return `${capitalise(when(f.value, s))}, l'indicateur était à ${pct} de ${of}${C} ${f.state === 'onTrack' ? 'en bonne voie' : 'en retard'}.`;
    }
  },
  projection: (f, s) => {
    const at = inPeriod(f.period, 'fr');
    const [v, lo, hi] = [f.value, f.low, f.high].map((x) => projectedText(x, s.indicator.unit, 'fr'));
    const range = `entre ${lo} et ${hi} ${chance(f.level)}`;
    const lead = `À ce rythme, ${target(f.target, s)}`;
    if (f.outcome === 'reached') {
      const early = f.reachedIn && f.reachedIn.end < f.period.end;
      return `${lead} serait atteinte ${inPeriod(f.reachedIn ?? f.period, 'fr')} (projection${early ? ` pour ${formatPeriod(f.period, 'fr')}` : ''}${C} ${v}, ${range}).`;
    }
    const later = f.later && inPeriod(f.later, 'fr');
    if (f.outcome === 'missed')
      return `${lead} ne serait pas atteinte ${at} (projection${C} ${v}, ${range})${later ? `, mais ${later}` : ''}.`;
    const up = s.indicator.direction !== 'down';
    const bound = up ? `ne dépasserait pas ${hi}` : `ne descendrait pas sous ${lo}`;
    return `${lead} serait hors d'atteinte ${at}${C} la projection, ${v}, ${bound} ${chance(f.level)}.${later ? ` Elle le serait ${later}.` : ''}`;
  },
  tooFew: (f, s) => {
    const head = `Pas de projection vers ${target(f.target, s)} fixée pour ${formatPeriod(f.period, 'fr')}`;
    const excluded = f.excluded
      ? ` (${f.excluded} ${isSingular(f.excluded, 'fr') ? 'période de baisse écartée' : 'périodes de baisse écartées'})`
      : '';
    const have = !f.since
      ? 'aucune valeur depuis la Vision'
      : f.used === 0
        ? `aucune valeur retenue depuis ${formatPeriod(f.since, 'fr')}${excluded}`
        : `${f.used} ${isSingular(f.used, 'fr') ? 'valeur retenue' : 'valeurs retenues'} depuis ${formatPeriod(f.since, 'fr')}${excluded}`;
    return `${head}${C} ${have}, il en faut au moins ${f.needed}.`;
  },
  leader: (f, s) => {
    const share = f.share === null ? '' : `, avec ${formatPercent(f.share, 'fr')} du total`;
    return `${BY[f.dim]}${C} ${s.groupLabel(f.key)} en tête ${when(f.at, s)}${share} (${value(f.at.value, s)}).`;
  },
  fastest: (f, s) =>
    `${BY[f.dim]}${C} plus forte hausse pour ${s.groupLabel(f.key)} ${when(f.to, s)}, ${compared(f.from.value, f.to.value, s)} ${que(when(f.from, s))} (${value(f.to.value, s)}).`
};
