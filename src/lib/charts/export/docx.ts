import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType
} from 'docx';
import type { OfficeDocument, OfficeItem, Term } from './office';

// A Word document written in the browser with `docx` (loaded only when one is asked for): built-in styles
// (Title, Heading 1 and 2 — « Titre 1 », « Titre 2 » in a French Word), so a manager restyles it in one
// place; every chart a PNG at print density with its alternative text; every table a real Word table.

/** Page sizes and margins in twentieths of a point. */
const PAPER = {
  letter: { width: 12_240, height: 15_840 },
  a4: { width: 11_906, height: 16_838 }
} as const;
/** 2 cm at the sides (the 16 cm charts fit inside both papers' width), 1,5 cm above and below. */
const MARGIN = { left: 1_134, right: 1_134, top: 850, bottom: 850 };
const GREY = '595959';

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore = false) =>
  new Paragraph({ text, heading: level, pageBreakBefore, keepNext: true });
const plain = (text: string, options: { italics?: boolean; size?: number; colour?: string } = {}) =>
  new Paragraph({
    children: [new TextRun({ text, italics: options.italics, size: options.size, color: options.colour })],
    spacing: { after: 80 }
  });

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };
const cell = (text: string, options: { header?: boolean; numeric?: boolean } = {}) =>
  new TableCell({
    children: [
      new Paragraph({
        children: [new TextRun({ text, bold: options.header, size: 17 })],
        alignment: options.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT
      })
    ],
    margins: { top: 10, bottom: 10, left: 80, right: 80 },
    borders: BORDERS
  });

/** A Word table: its header repeated on every page it runs over, numbers aligned right. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, { header: true, numeric: i > 0 })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, { numeric: i > 0 })) }))
    ]
  });
}

/** The key figures side by side, as on the page: one cell each, its label above its value. */
const figuresTable = (list: readonly Term[]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        cantSplit: true,
        children: list.map(
          (t) =>
            new TableCell({
              children: [
                new Paragraph({ children: [new TextRun({ text: t.label, size: 16, color: GREY })] }),
                new Paragraph({ children: [new TextRun({ text: t.value, bold: true, size: 20 })] })
              ],
              margins: { top: 30, bottom: 30, left: 80, right: 80 },
              borders: BORDERS
            })
        )
      })
    ]
  });

/** One chart's part: heading, highlights, chart, key figures, data, definition and source. */
function itemParts(item: OfficeItem, doc: OfficeDocument, newPage: boolean): (Paragraph | Table)[] {
  const { spec, image } = item;
  const parts: (Paragraph | Table)[] = [heading(item.heading, HeadingLevel.HEADING_1, newPage)];
  if (spec.subtitle) parts.push(plain(spec.subtitle));
  if (item.filters) parts.push(plain(item.filters, { size: 18, colour: GREY }));
  if (spec.sample) parts.push(plain(doc.words.sample, { italics: true, colour: '7A4100' }));
  if (spec.highlights.length) {
    parts.push(heading(doc.words.highlights, HeadingLevel.HEADING_2));
    for (const sentence of spec.highlights) parts.push(new Paragraph({ text: sentence, bullet: { level: 0 } }));
  }
  parts.push(
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: image.png,
          transformation: { width: image.width, height: image.height },
          altText: { name: spec.title, title: spec.title, description: spec.description }
        })
      ],
      spacing: { before: 120, after: 120 }
    })
  );
  if (item.figures.length) {
    parts.push(heading(doc.words.keyFigures, HeadingLevel.HEADING_2));
    parts.push(figuresTable(item.figures));
  }
  parts.push(heading(doc.words.data, HeadingLevel.HEADING_2));
  parts.push(table(item.table.header, item.table.rows));
  if (item.definition) parts.push(plain(item.definition, { size: 18 }));
  if (item.source) parts.push(plain(item.source, { size: 18, colour: GREY }));
  return parts;
}

/** The cover: title, what the report covers, its contents (Word's own table of contents, linked to the headings). */
function coverParts(doc: OfficeDocument): (Paragraph | TableOfContents)[] {
  const cover = doc.cover;
  if (!cover) return [];
  const colon = doc.lang === 'fr' ? '\u00a0: ' : ': ';
  return [
    new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE }),
    plain(cover.subtitle),
    ...cover.facts.map(
      (f) => new Paragraph({ children: [new TextRun({ text: `${f.label}${colon}`, bold: true }), new TextRun(f.value)] })
    ),
    new Paragraph({ text: doc.words.contents, heading: HeadingLevel.HEADING_2, spacing: { before: 240 } }),
    new TableOfContents(doc.words.contents, { hyperlink: true, headingStyleRange: '1-1' }),
    ...cover.notes.map((n) => plain(n, { size: 18, colour: GREY }))
  ];
}

/** The Word document (a report, or one chart), as a .docx file's bytes. */
export async function wordBlob(doc: OfficeDocument): Promise<Blob> {
  const language = { value: doc.lang === 'fr' ? 'fr-CA' : 'en-CA' };
  const document = new Document({
    title: doc.title,
    creator: 'Vigie',
    description: doc.footer,
    // Arial: on every manager's machine, and Liberation Sans (its metrics) where it is not.
    styles: { default: { document: { run: { language, size: 21, font: 'Arial' } } } },
    sections: [
      {
        properties: { page: { size: PAPER[doc.paper], margin: MARGIN } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [
                  new TextRun({ text: `${doc.footer} · `, size: 16, color: GREY }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16, color: GREY })
                ]
              })
            ]
          })
        },
        children: [...coverParts(doc), ...doc.items.flatMap((item, i) => itemParts(item, doc, doc.cover !== null || i > 0))]
      }
    ]
  });
  return Packer.toBlob(document);
}
