import type { Lang, Translate } from './dict';
import { formatDay, formatPeriod, type PeriodLike } from './format';

/** A period read over the data's own (views/accumulate.ts): partial, and through which day. */
export interface ShownPeriod extends PeriodLike {
  partial?: boolean;
  through?: string;
}

/**
 * A period as a manager reads it beside its value: `2025-2026`; a flow's total to date
 * `2025-2026, cumul de l'exercice à ce jour (jusqu'au 15 octobre 2025)`; a stock's level so far
 * `2026, niveau au 3 mars 2026`; a period with missing parts `2024 (incomplet : valeurs manquantes)`.
 */
export function shownPeriod(p: ShownPeriod, measure: 'flow' | 'stock', lang: Lang, t: Translate): string {
  const period = formatPeriod(p, lang);
  if (!p.partial || !p.through) return period;
  const day = formatDay(p.through, lang);
  if (measure === 'stock') return p.through < p.end ? t('period.levelOn', { period, day }) : period;
  if (p.through >= p.end) return t('period.incomplete', { period });
  const kind = (['fiscal_year', 'year', 'quarter', 'month'] as const).find((k) => k === p.granularity) ?? 'day';
  return t('period.through', { period, toDate: t(`period.toDate.${kind}`), day });
}
