import { DOMParser, type Document as XmlDocument, type Element as XmlElement } from '@xmldom/xmldom';
import JSZip from 'jszip';

// Reading Word and PowerPoint files back as what they are: zips of XML parts.

/** A .docx or .pptx file's parts. */
export const unzip = (bytes: ArrayBuffer | Uint8Array) => JSZip.loadAsync(bytes);

/** A part of the file, parsed. */
export async function xmlPart(zip: JSZip, name: string): Promise<XmlDocument> {
  const file = zip.file(name);
  if (!file) throw new Error(`no ${name} in the file`);
  return new DOMParser().parseFromString(await file.async('string'), 'text/xml');
}

/** Names of the parts matching a pattern, in their number's order (slide2 before slide10). */
export function partsLike(zip: JSZip, pattern: RegExp): string[] {
  const n = (name: string) => Number(name.match(/(\d+)\.\w+$/)?.[1] ?? 0);
  return Object.keys(zip.files)
    .filter((name) => pattern.test(name))
    .sort((a, b) => n(a) - n(b));
}

/** The elements of a qualified tag name (`w:p`), in document order. */
export const all = (node: XmlDocument | XmlElement, tag: string): XmlElement[] => Array.from(node.getElementsByTagName(tag));

/** The text of each `tag` element: a Word or slide paragraph's runs joined. */
export function textsOf(node: XmlDocument | XmlElement, tag: string, run = tag.startsWith('w:') ? 'w:t' : 'a:t'): string[] {
  return all(node, tag).map((p) =>
    all(p, run)
      .map((t) => t.textContent ?? '')
      .join('')
  );
}

/** The text of a Word document's paragraphs styled `style` (`Heading1`, `Title` …). */
export function styled(doc: XmlDocument, style: string): string[] {
  return all(doc, 'w:p')
    .filter((p) => all(p, 'w:pStyle').some((s) => s.getAttribute('w:val') === style))
    .map((p) =>
      all(p, 'w:t')
        .map((t) => t.textContent ?? '')
        .join('')
    );
}

/** A Word table's cells, row by row; a cell's paragraphs on lines of their own. */
export function tableCells(table: XmlElement): string[][] {
  return all(table, 'w:tr').map((row) => all(row, 'w:tc').map((c) => textsOf(c, 'w:p').join('\n')));
}

/** A chart part's series: name, categories, and a value a category (null where the chart has no point). */
export function chartSeries(chart: XmlDocument): { name: string; categories: string[]; values: (number | null)[] }[] {
  return all(chart, 'c:ser').map((ser) => {
    const points = (el: XmlElement | undefined) => {
      const count = Number(el ? all(el, 'c:ptCount')[0]?.getAttribute('val') : 0);
      const out: (string | null)[] = Array.from({ length: count }, () => null);
      for (const pt of el ? all(el, 'c:pt') : []) out[Number(pt.getAttribute('idx'))] = all(pt, 'c:v')[0]?.textContent ?? null;
      return out;
    };
    return {
      name: all(all(ser, 'c:tx')[0]!, 'c:v')[0]?.textContent ?? '',
      categories: points(all(ser, 'c:cat')[0]).map((c) => c ?? ''),
      values: points(all(ser, 'c:val')[0]).map((v) => (v === null ? null : Number(v)))
    };
  });
}
