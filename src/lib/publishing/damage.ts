/**
 * Why a dataset is left out of the dashboard: its manifest cannot be read, its content no longer
 * matches its hash or is missing, its file cannot be read, its header lacks the kind's columns, or the
 * CSV reader refuses it.
 */
export type DamageCode = 'manifest' | 'corrupt' | 'missing' | 'unreadable' | 'header' | 'malformed';

/** A dataset left out, as the Données and Historique pages name it. */
export interface DamagedDataset {
  name: string;
  code: DamageCode;
  /** What exactly, in the words of the check that failed (English, technical). */
  detail: string;
  /** The file at fault is the one shipped in data/ (version 0): the administrator replaces it, no restore can. */
  shipped: boolean;
}
