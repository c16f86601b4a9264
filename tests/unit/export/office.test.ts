import { describe, expect, it } from 'vitest';
import { wordBlob } from '$lib/charts/export/docx';
import type { OfficeDocument, OfficeItem } from '$lib/charts/export/office';
import { slidesBlob } from '$lib/charts/export/pptx';
import type { ExportSpec } from '$lib/charts/export/spec';
import { all, chartSeries, partsLike, styled, tableCells, textsOf, unzip, xmlPart } from './ooxml';

// The Word and PowerPoint writers on a document as the report page hands it over, read back as zips.

/** The smallest PNG there is: one white pixel. */
const PIXEL = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC'),
  (c) => c.charCodeAt(0)
);

const spec = (over: Partial<ExportSpec> = {}): ExportSpec => ({
  subject: 'tournees',
  title: "Tournées et soutien à l'exportation",
  subtitle: "Tournées à l'étranger soutenues — Nombre",
  sources: [],
  sample: true,
  span: [2022, 2026],
  legend: [],
  description: "Tournées et soutien à l'exportation, de 2022-2023 à 2025-2026. Dernière valeur : 397 (2025-2026).",
  table: { header: [], rows: [] },
  height: 200,
  ignoredFilters: [],
  draw: () => () => {},
  native: {
    kind: 'bar',
    stacked: false,
    horizontal: false,
    categories: ['2022-2023', '2023-2024', '2024-2025', '2025-2026'],
    series: [{ name: "Tournées à l'étranger soutenues", colour: '#0072B2', values: [330, null, 392, 397] }],
    unit: 'count',
    ahead: [],
    lines: []
  },
  highlights: ["En 2025-2026, 397 tournées à l'étranger ont été soutenues.", 'Plus forte baisse : 82 % en 2020-2021.'],
  ...over
});

const item = (n: number, over: Partial<OfficeItem> = {}): OfficeItem => ({
  spec: spec(),
  heading: `${n}. Tournées et soutien à l'exportation`,
  filters: null,
  figures: [{ label: 'Dernière valeur · 2025-2026', value: '397' }],
  definition: 'Nombre de tournées à l’étranger.',
  image: { png: PIXEL, width: 605, height: 378 },
  table: {
    header: ['Période', 'Valeur'],
    rows: [
      ['2022-2023', '330'],
      ['2023-2024', 'non disponible'],
      ['2024-2025', '392'],
      ['2025-2026', '397']
    ]
  },
  source: "Source : Données d'exemple, générées pour la démonstration",
  ...over
});

const report = (paper: 'letter' | 'a4' = 'letter'): OfficeDocument => ({
  lang: 'fr',
  title: 'Rapport des indicateurs culturels',
  cover: {
    subtitle: 'Indicateurs culturels de la Vision internationale du Québec',
    facts: [{ label: 'Période', value: '2022-2023 à 2025-2026' }],
    notes: ['Les séries marquées « Données d’exemple » sont générées.']
  },
  items: [item(1), item(2, { heading: '2. Coproductions' })],
  footer: 'Vigie · exporté le 29 novembre 2026',
  paper,
  words: {
    contents: 'Contenu',
    highlights: 'Faits saillants',
    keyFigures: 'Chiffres clés',
    data: 'Tableau des données',
    sample: "Données d'exemple"
  }
});

const zipOf = async (blob: Blob) => unzip(await blob.arrayBuffer());

describe('Word', () => {
  it('writes Title and Heading 1/2 styles, a table of contents, bullets, real tables and alt text', async () => {
    const doc = await xmlPart(await zipOf(await wordBlob(report())), 'word/document.xml');
    expect(styled(doc, 'Title')).toEqual(['Rapport des indicateurs culturels']);
    expect(styled(doc, 'Heading1')).toEqual(["1. Tournées et soutien à l'exportation", '2. Coproductions']);
    expect(styled(doc, 'Heading2')).toEqual([
      'Contenu',
      ...Array(2).fill(['Faits saillants', 'Chiffres clés', 'Tableau des données']).flat()
    ]);
    // Word's own table of contents, filled with the headings so that it reads before Word updates it.
    expect(all(doc, 'w:instrText').map((i) => i.textContent)).toContain('TOC \\h \\o "1-1"');
    expect(textsOf(all(doc, 'w:sdt')[0]!, 'w:p').join(' | ')).toMatch(/1\. Tournées.*\| 2\. Coproductions/);
    expect(textsOf(doc, 'w:p').filter((p) => p.startsWith('En 2025-2026'))).toHaveLength(2);
    // Per panel, the key figures and the data as Word tables, the data exactly as the page shows it.
    const tables = all(doc, 'w:tbl').filter((t) => t.parentNode?.nodeName === 'w:body');
    const figures = [['Dernière valeur · 2025-2026\n397']];
    const data = [item(1).table.header, ...item(1).table.rows];
    expect(tables.map(tableCells)).toEqual([figures, data, figures, data]);
    expect(all(doc, 'wp:docPr').map((d) => d.getAttribute('descr'))).toEqual([spec().description, spec().description]);
    expect(all(doc, 'w:pgSz')[0]!.getAttribute('w:w')).toBe('12240');
    const a4 = await xmlPart(await zipOf(await wordBlob(report('a4'))), 'word/document.xml');
    expect([all(a4, 'w:pgSz')[0]!.getAttribute('w:w'), all(a4, 'w:pgSz')[0]!.getAttribute('w:h')]).toEqual(['11906', '16838']);
  });
});

describe('PowerPoint', () => {
  it('writes a cover and a slide per chart, each chart native with the series as data', async () => {
    const zip = await zipOf(await slidesBlob(report()));
    expect(partsLike(zip, /^ppt\/slides\/slide\d+\.xml$/)).toHaveLength(3);
    const charts = partsLike(zip, /^ppt\/charts\/chart\d+\.xml$/);
    expect(charts).toHaveLength(2);
    const chart = await xmlPart(zip, charts[0]!);
    // The missing 2023-2024 is no point at all: a gap, not a zero.
    expect(chartSeries(chart)).toEqual([
      { name: "Tournées à l'étranger soutenues", categories: spec().native!.categories, values: [330, null, 392, 397] }
    ]);
    expect(all(chart, 'c:dispBlanksAs')[0]!.getAttribute('val')).toBe('gap');
    const slide = await xmlPart(zip, 'ppt/slides/slide2.xml');
    expect(all(slide, 'p:cNvPr').map((c) => c.getAttribute('descr'))).toContain(
      `Tournées et soutien à l'exportation — ${spec().description}`
    );
    expect(textsOf(slide, 'a:p')).toEqual(expect.arrayContaining(spec().highlights));
    // The chart's workbook: the same values, and no cell for the missing one.
    const book = await unzip(await zip.file(partsLike(zip, /\.xlsx$/)[0]!)!.async('arraybuffer'));
    const sheet = await xmlPart(book, 'xl/worksheets/sheet1.xml');
    expect(all(sheet, 'c').map((c) => [c.getAttribute('r'), all(c, 'v')[0]?.textContent])).toEqual(
      expect.arrayContaining([
        ['B2', '330'],
        ['B4', '392'],
        ['B5', '397']
      ])
    );
    expect(all(sheet, 'c').some((c) => c.getAttribute('r') === 'B3')).toBe(false);
  });

  it('draws the target and the projection as lines of their own, with their data, past the last period', async () => {
    const native = {
      ...spec().native!,
      ahead: ['2026-2027', '2027-2028'],
      lines: [
        {
          role: 'target' as const,
          name: 'Cible 2027-2028 : 420',
          colour: 'var(--chart-target, #B34700)',
          values: Array(6).fill(420)
        },
        {
          role: 'projection' as const,
          name: 'Projection',
          colour: 'var(--chart-projection, #1f3f73)',
          values: [null, null, null, 397, 404.5, 412.25]
        }
      ]
    };
    const doc = { ...report(), cover: null, items: [item(1, { spec: spec({ native }) })] };
    const zip = await zipOf(await slidesBlob(doc));
    const xml = await zip.file(partsLike(zip, /^ppt\/charts\/chart\d+\.xml$/)[0]!)!.async('string');
    const chart = await xmlPart(zip, partsLike(zip, /^ppt\/charts\/chart\d+\.xml$/)[0]!);
    const categories = [...native.categories, ...native.ahead];
    // The bars stop at the last period; the projection starts from its value and runs to the target period.
    expect(chartSeries(chart)).toEqual([
      { name: "Tournées à l'étranger soutenues", categories, values: [330, null, 392, 397, null, null] },
      { name: 'Cible 2027-2028 : 420', categories, values: [420, 420, 420, 420, 420, 420] },
      { name: 'Projection', categories, values: [null, null, null, 397, 404.5, 412.25] }
    ]);
    // Columns, then a dashed line in the target's colour and a dotted one in the projection's, over the same axes.
    expect(all(chart, 'c:barChart')).toHaveLength(1);
    const lines = all(chart, 'c:lineChart').map((l) => [
      all(l, 'a:srgbClr')[0]!.getAttribute('val'),
      all(all(l, 'a:ln')[0]!, 'a:prstDash')[0]!.getAttribute('val')
    ]);
    expect(lines).toEqual([
      ['B34700', 'dash'],
      ['1F3F73', 'sysDash']
    ]);
    expect(all(chart, 'c:legend')).toHaveLength(1);
    expect(xml.match(/<c:valAx>/g)).toHaveLength(1);
    // Editable: the workbook holds the three series side by side.
    const book = await unzip(await zip.file(partsLike(zip, /\.xlsx$/)[0]!)!.async('arraybuffer'));
    const sheet = await xmlPart(book, 'xl/worksheets/sheet1.xml');
    const cell = (r: string) => all(sheet, 'c').find((c) => c.getAttribute('r') === r);
    expect(['B5', 'C7', 'D5', 'D7'].map((r) => all(cell(r)!, 'v')[0]?.textContent)).toEqual(['397', '420', '397', '412.25']);
    expect(cell('B6')).toBeUndefined();
  });
});
