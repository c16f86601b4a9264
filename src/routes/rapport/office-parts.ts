import type { ExportSpec } from '$lib/charts/export/spec';

/** A term or value of the page as a reader reads it: its text, runs of white space made one. */
export function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** What a report's Word and PowerPoint files take from one of its panels. */
export interface ReportPart {
  spec: ExportSpec;
  /** « 1. Tournées et soutien à l'exportation ». */
  heading: string;
  /** The key figures as the panel shows them. */
  figures: { label: string; value: string }[];
  definition: string | null;
}

/** What they take from its cover. */
export interface ReportCoverPart {
  subtitle: string;
  /** Period, date and filters, as the cover says them. */
  facts: { label: string; value: string }[];
  /** The sample-data warning and the sources. */
  notes: string[];
}
