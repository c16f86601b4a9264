import type { Translate } from './dict';

/** The words a time-series chart says about its marks, in the interface language. */
export interface ChartWords {
  /** A period known only as a range (`date exacte inconnue`). */
  uncertain: string;
  /** A missing or suppressed value, in the tooltip and the table (`non disponible`). */
  missing: string;
  /** The same, short enough to write on the chart under the period (`n.d.`). */
  missingShort: string;
  /** A period the data cover only in part (`partiel`). */
  partial: string;
  /** What a screen reader calls a chart whose values the arrow keys step through (`graphique interactif`). */
  chartRole: string;
  /** Said once Enter has marked the start of a period to pick (`Début de la période :`). */
  pickedFrom: string;
}

/** The chart words of `t`'s language. */
export function chartWords(t: Translate): ChartWords {
  return {
    uncertain: t('chart.uncertain'),
    missing: t('chart.missing'),
    missingShort: t('chart.missingShort'),
    partial: t('period.partial'),
    chartRole: t('keyboard.chartRole'),
    pickedFrom: t('keyboard.pickedFrom')
  };
}
