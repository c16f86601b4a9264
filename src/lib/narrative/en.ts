import { formatDay, formatPercent, formatPeriod, formatValue } from '$lib/i18n/format';
import type { Dimension } from '$lib/queries/filters';
import type { Valued } from './facts';
import { capitalise, inPeriod, inShownPeriod, isSingular, listOf, pointsText, projectedText, ratioText } from './phrases';
import type { Speaker, Voice } from './voice';

// The highlights in English (en-CA, numbers by Intl).

const BY: Record<Dimension, string> = {
  region: 'By region',
  country: 'By country',
  discipline: 'By discipline',
  program: 'By program'
};

const value = (v: number, s: Speaker) => formatValue(v, s.indicator.unit, 'en');
const when = (v: Valued, s: Speaker) => inShownPeriod(v, s.indicator.measure, 'en');
const chance = (level: number) => `in ${Math.round(level * 10)} cases out of 10`;

/** "1.3% more", "2 percentage points fewer", "as many": how `to` compares with `from`. */
function compared(from: number, to: number, s: Speaker): string | null {
  const counted = s.wording?.kind === 'counted';
  if (to === from) return counted ? 'as many' : 'the same';
  const more = to > from ? 'more' : counted ? 'fewer' : 'less';
  if (s.indicator.unit === 'percent') {
    const d = to - from;
    return `${pointsText(d, 'en')} percentage ${isSingular(d, 'en') ? 'point' : 'points'} ${to > from ? 'higher' : 'lower'}`;
  }
  return from === 0 ? null : `${ratioText((to - from) / from, 'en')} ${more}`;
}

/** The sentence's subject and verb: "397 tours abroad were supported", "there were 35 …". */
function statement(v: Valued, s: Speaker): string {
  const w = s.wording;
  const n = value(v.value, s);
  if (!w) return `${s.indicator.name_en}: ${n} ${when(v, s)}`;
  const start = capitalise(when(v, s));
  if (w.kind === 'measured') return `${start}, ${w.en.subject} ${w.en.verb} ${n}`;
  const one = isSingular(v.value, 'en');
  const noun = one ? w.en.one : w.en.other;
  if (w.en.participle === null) return `${start}, there ${one ? 'was' : 'were'} ${n} ${noun}`;
  return `${start}, ${n} ${noun} ${one ? 'was' : 'were'} ${w.en.participle}${w.en.tail ? ` ${w.en.tail}` : ''}`;
}

const target = (t: number, s: Speaker) => `the target of ${value(t, s)}`;

/** How each fact reads in English. */
export const en: Voice = {
  sample: () => 'Sample data: figures generated for demonstration.',
  noData: () => 'No value is available for these filters.',
  latest: (f, s) => {
    const parts: string[] = [];
    const previous = f.previous && compared(f.previous.value, f.latest.value, s);
    if (previous)
      parts.push(
        f.sameSpan
          ? `${previous} than in the same part of ${formatPeriod(f.previous!.period, 'en')}`
          : `${previous} than ${when(f.previous!, s)}`
      );
    const baseline = f.baseline && compared(f.baseline.value, f.latest.value, s);
    if (baseline) parts.push(`${baseline} than before the Vision (${formatPeriod(f.baseline!.period, 'en')})`);
    const missing = f.missing.length ? ` No value is available for ${listOf(f.missing, 'en')}.` : '';
    const unknown = f.unknownPrevious ? ` No value for ${formatPeriod(f.unknownPrevious, 'en')}, the period before.` : '';
    return `${statement(f.latest, s)}${parts.length ? `, ${parts.join(' and ')}` : ''}.${unknown}${missing}`;
  },
  record: (f, s) =>
    `${f.high ? 'Highest' : 'Lowest'} level of the series (since ${formatPeriod(f.since, 'en')}): ${value(f.at.value, s)} ${when(f.at, s)}.`,
  move: (f, s) => {
    const event = f.event ? ` (event: ${f.event.short_en}, ${formatDay(f.event.at, 'en')})` : '';
    return `Largest ${f.rise ? 'rise' : 'fall'}: ${ratioText(f.change, 'en')} ${when(f.to, s)}${event}.`;
  },
  recovery: (f, s) => {
    const level = `the level before the ${formatPeriod(f.fall, 'en')} fall (${value(f.before.value, s)} ${when(f.before, s)})`;
    if (f.recovered) return `${capitalise(level)} was regained ${inPeriod(f.recovered, 'en')}.`;
    const gap = f.before.value === 0 ? '' : ` ${ratioText((f.latest.value - f.before.value) / f.before.value, 'en')}`;
    return `${capitalise(when(f.latest, s))}, still${gap} below ${level}.`;
  },
  target: (f, s) => {
    const of = `${target(f.target, s)} set for ${f.period}`;
    const pct = formatPercent(f.progress, 'en');
    switch (f.state) {
      case 'met':
        return `${capitalise(of)} was met: ${value(f.value.value, s)}, or ${pct} of the target.`;
      case 'missed':
        return `${capitalise(of)} was not met: ${value(f.value.value, s)}, or ${pct} of the target.`;
      case 'ahead':
        return `${capitalise(of)} is already met: ${value(f.value.value, s)} ${when(f.value, s)}, or ${pct} of the target.`;
      default:
        return `${capitalise(when(f.value, s))}, the indicator stood at ${pct} of ${of}: ${f.state === 'onTrack' ? 'on track' : 'behind'}.`;
    }
  },
  projection: (f, s) => {
    const at = inPeriod(f.period, 'en');
    const [v, lo, hi] = [f.value, f.low, f.high].map((x) => projectedText(x, s.indicator.unit, 'en'));
    const range = `between ${lo} and ${hi} ${chance(f.level)}`;
    const lead = `At this pace, ${target(f.target, s)}`;
    if (f.outcome === 'reached') {
      const early = f.reachedIn && f.reachedIn.end < f.period.end;
      return `${lead} would be met ${inPeriod(f.reachedIn ?? f.period, 'en')} (projection${early ? ` for ${formatPeriod(f.period, 'en')}` : ''}: ${v}, ${range}).`;
    }
    const later = f.later && inPeriod(f.later, 'en');
    if (f.outcome === 'missed')
      return `${lead} would not be met ${at} (projection: ${v}, ${range})${later ? `, but it would be ${later}` : ''}.`;
    const up = s.indicator.direction !== 'down';
    const bound = up ? `would not exceed ${hi}` : `would not fall below ${lo}`;
    return `${lead} would be out of reach ${at}: the projection, ${v}, ${bound} ${chance(f.level)}.${later ? ` It would be met ${later}.` : ''}`;
  },
  tooFew: (f, s) => {
    const head = `No projection toward ${target(f.target, s)} set for ${formatPeriod(f.period, 'en')}`;
    const excluded = f.excluded
      ? ` (${f.excluded} ${isSingular(f.excluded, 'en') ? 'period' : 'periods'} of the fall left out)`
      : '';
    const have = !f.since
      ? 'no value since the Vision'
      : `${f.used === 0 ? 'no' : f.used} ${f.used === 1 ? 'value' : 'values'} kept since ${formatPeriod(f.since, 'en')}${excluded}`;
    return `${head}: ${have}; at least ${f.needed} are needed.`;
  },
  leader: (f, s) => {
    const share = f.share === null ? '' : `, with ${formatPercent(f.share, 'en')} of the total`;
    return `${BY[f.dim]}: ${s.groupLabel(f.key)} leads ${when(f.at, s)}${share} (${value(f.at.value, s)}).`;
  },
  fastest: (f, s) =>
    `${BY[f.dim]}: fastest growth for ${s.groupLabel(f.key)} ${when(f.to, s)}, ${compared(f.from.value, f.to.value, s)} than ${when(f.from, s)} (${value(f.to.value, s)}).`
};
