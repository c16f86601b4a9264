// Open Sans, the text font of Québec's design system: the same files the interface uses (the SDG's
// package, Latin subset, bundled with the app), under the SIL Open Font License, which allows embedding
// them in the files we export. An exported chart reads as it does on the page.
import regularUrl from 'qc-trousse-sdg/dist/fonts/open-sans-v43-latin-regular.woff2?url';
import boldUrl from 'qc-trousse-sdg/dist/fonts/open-sans-v43-latin-700.woff2?url';

/** The embedded font first, then fonts found on the machines that open the file without reading it. */
export const FONT_FAMILY = "'Open Sans', 'Segoe UI', Arial, Helvetica, sans-serif";

/** A font file to inline: its weight and its bytes in base64. */
export interface FontFile {
  weight: 400 | 700;
  base64: string;
}

/** `@font-face` rules with the files inlined as data URIs, so the SVG fetches nothing. */
export function fontFaceCss(files: readonly FontFile[]): string {
  return files
    .map(
      (f) =>
        `@font-face{font-family:'Open Sans';font-style:normal;font-weight:${f.weight};src:url(data:font/woff2;base64,${f.base64}) format('woff2');}`
    )
    .join('');
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

let css: Promise<string> | undefined;

/** The export font's `@font-face` rules, fetched from the app's own assets once. */
export function embeddedFontCss(): Promise<string> {
  css ??= Promise.all(
    (
      [
        [400, regularUrl],
        [700, boldUrl]
      ] as const
    ).map(async ([weight, url]) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      return { weight, base64: toBase64(new Uint8Array(await res.arrayBuffer())) };
    })
  ).then(fontFaceCss);
  css.catch(() => (css = undefined)); // a failed fetch is retried on the next export
  return css;
}

let loaded: Promise<void> | undefined;

/**
 * The family name the export font is measured under in the page: its own name, so that adding it
 * never changes the interface's text (whose own Open Sans is declared by the SDG's stylesheet).
 */
export const MEASURE_FAMILY = 'Vigie Export Sans';

/** Makes the export font available to the page's canvas, so titles are wrapped by their real width. */
export function loadExportFont(): Promise<void> {
  loaded ??= Promise.all(
    (
      [
        [400, regularUrl],
        [700, boldUrl]
      ] as const
    ).map(async ([weight, url]) => {
      const face = new FontFace(MEASURE_FAMILY, `url(${url})`, { weight: String(weight) });
      document.fonts.add(await face.load());
    })
  ).then(() => undefined);
  return loaded;
}
