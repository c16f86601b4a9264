import { mount, unmount, type ComponentProps } from 'svelte';
import type { Translate } from '$lib/i18n/dict';
import { formatPeriod, formatValue } from '$lib/i18n/format';
import { shownPeriod } from '$lib/i18n/period-text';
import type { FilterDimension } from '$lib/queries/filters';
import TimeSeriesChart from '../TimeSeriesChart.svelte';
import { columnsOf, inTimeOrder } from '../stack';
import { distinctSources } from './caption';
import type { CsvTable } from './csv';
import { overlayLines, type NativeChart } from './native';

/** Everything needed to export one chart, in the interface language; built where the chart is drawn. */
export interface ExportSpec {
  /** What the chart shows, for the file name (`tournees`). */
  subject: string;
  title: string;
  /** The indicator and its unit, under the title. */
  subtitle: string | null;
  /** Sources cited by the data drawn (sample data cites none). */
  sources: string[];
  /** Whether sample data is drawn. */
  sample: boolean;
  /** First and last year drawn, for the file name. */
  span: [number, number] | null;
  /** One entry a series when several are drawn. */
  legend: { label: string; colour: string }[];
  /** What the chart shows, in a sentence (the SVG's description). */
  description: string;
  /** Exactly the data drawn: what the CSV holds. */
  table: CsvTable;
  /** The chart's height on screen, kept by the on-screen size. */
  height: number;
  /** Filters this chart's data cannot honour (its indicator has no such dimension). */
  ignoredFilters: readonly FilterDimension[];
  /** Draws the chart into `target` at exactly `size` (browser only); returns what removes it. */
  draw: (target: HTMLElement, size: { width: number; height: number }) => () => void;
  /** The chart as Word and PowerPoint draw it natively; null when they cannot (a map). */
  native: NativeChart | null;
  /** The written highlights, in the interface language: bullet points on a slide, a list in Word. */
  highlights: string[];
}

type ChartProps = ComponentProps<typeof TimeSeriesChart>;

/** What a time-series figure knows about its chart. */
export interface TimeSeriesExport {
  subject: string;
  title: string;
  subtitle: string | null;
  sources: string[];
  /** The unit in words (`Nombre`), for the CSV's value heading. */
  unitLabel: string;
  height: number;
  ignoredFilters?: readonly FilterDimension[];
  /** The props the chart is drawn with on screen; size, labels and brushing aside. */
  chart: Omit<ChartProps, 'width' | 'height' | 'labelledby' | 'describedby' | 'onbrush'>;
  t: Translate;
  /** The written highlights shown with the chart. */
  highlights?: string[];
}

/** The export of a time-series chart: the same component drawn again, and the table of its columns. */
export function timeSeriesSpec(input: TimeSeriesExport): ExportSpec {
  const { chart, t } = input;
  const { series, unit, lang } = chart;
  const columns = inTimeOrder(columnsOf(series));
  const pointsAt = (id: string) => series.flatMap((s) => s.points.filter((p) => `${p.start}|${p.end}` === id));
  const hasNotes = series.length === 1 && columns.some((c) => c.period.note);

  const header = [
    t('chart.period'),
    t('export.csv.start'),
    t('export.csv.end'),
    ...(series.length > 1
      ? series.map((s) => t('export.labelled', { label: s.label, value: input.unitLabel }))
      : [t('export.csv.value', { unit: input.unitLabel })]),
    ...(hasNotes ? [t('chart.note')] : []),
    t('export.csv.sample'),
    t('chart.source')
  ];
  const rows = columns.map((c) => {
    const points = pointsAt(c.id);
    const sources = distinctSources(points.map((p) => p.source));
    return [
      formatPeriod(c.period, lang) + (c.uncertain ? ` (${t('chart.uncertain')})` : ''),
      c.period.start,
      c.period.end,
      ...c.values,
      ...(hasNotes ? [c.period.note ?? ''] : []),
      points.some((p) => p.sample) ? t('yes') : t('no'),
      sources.join(' · ')
    ];
  });

  const known = columns.filter((c) => c.values.some((v) => v !== null) && !c.uncertain);
  const first = known[0];
  const last = known.at(-1);
  const description =
    first && last
      ? t('chart.summary', {
          title: input.title,
          first: formatPeriod(first.period, lang),
          last: formatPeriod(last.period, lang),
          // Stacked flows add up; levels drawn as several lines do not, so each is given.
          latest:
            chart.measure === 'stock' && series.length > 1
              ? series.map((s, j) => `${s.label} ${formatValue(last.values[j], unit, lang)}`).join(', ')
              : formatValue(last.total, unit, lang),
          period: formatPeriod(last.period, lang)
        })
      : t('chart.empty');
  const starts = columns.map((c) => Number(c.period.start.slice(0, 4)));
  const ends = columns.map((c) => Number(c.period.end.slice(0, 4)));

  return {
    subject: input.subject,
    title: input.title,
    subtitle: input.subtitle,
    sources: distinctSources(input.sources),
    sample: series.some((s) => s.points.some((p) => p.sample)),
    span: columns.length ? [Math.min(...starts), Math.max(...ends)] : null,
    legend: series.length > 1 ? series.map((s) => ({ label: s.label, colour: s.colour })) : [],
    description,
    table: { header, rows },
    height: input.height,
    ignoredFilters: input.ignoredFilters ?? [],
    native: {
      kind: chart.measure === 'flow' ? 'bar' : 'line',
      stacked: chart.measure === 'flow' && series.length > 1,
      horizontal: false,
      // As the page's table writes them: a total to date says so (« 2026-2027, cumul de l'exercice à ce jour … »).
      categories: columns.map(
        (c) => shownPeriod(c.period, chart.measure, lang, t) + (c.uncertain ? ` (${t('chart.uncertain')})` : '')
      ),
      series: series.map((s, j) => ({ name: s.label, colour: s.colour, values: columns.map((c) => c.values[j] ?? null) })),
      unit,
      ...overlayLines(
        columns.map((c) => c.period),
        chart,
        lang
      )
    },
    highlights: input.highlights ?? [],
    draw: (target, size) => {
      // Same component, same props: only the size differs, so ticks and labels are laid out anew.
      const component = mount(TimeSeriesChart, {
        target,
        props: { ...chart, width: size.width, height: size.height, labelledby: '' }
      });
      return () => void unmount(component);
    }
  };
}
