import type { DamagedDataset } from './damage';

/** What an account may do: read; publish and restore; manage accounts. Each role includes the ones before. */
export type Role = 'viewer' | 'editor' | 'admin';

/** Every role, from least to most allowed. */
export const ROLES: readonly Role[] = ['viewer', 'editor', 'admin'];

/** The signed-in person, as the server tells the pages. */
export interface SessionUser {
  name: string;
  role: Role;
}

/** Whether `user` holds at least `role`. */
export function hasRole(user: SessionUser | null | undefined, role: Role): boolean {
  return !!user && ROLES.indexOf(user.role) >= ROLES.indexOf(role);
}

/** Rows added, removed and changed between two versions of a dataset, for one indicator (or in all). */
export interface ChangeCounts {
  added: number;
  removed: number;
  changed: number;
}

/** What a version changed against the one before it. */
export interface ChangeSummary extends ChangeCounts {
  /** Data rows of the version. */
  rows: number;
  /** Per indicator (observations, catalogue) or null for files without indicators. */
  groups: ({ group: string | null } & ChangeCounts)[];
}

/** One version as the Historique page lists it. */
export interface VersionView {
  version: number;
  /** `shipped` is version 0, the file in data/. */
  action: 'shipped' | 'publish' | 'restore' | 'withdraw';
  at: string | null;
  by: string | null;
  fileName: string | null;
  rows: number | null;
  bytes: number;
  restoredFrom: number | null;
  /** False for a withdrawal (or a restore of one): nothing to download or restore. */
  hasContent: boolean;
  /** Against the previous version; null for the first one, or when it could not be computed. */
  changes: ChangeSummary | null;
  current: boolean;
}

/** A dataset and its versions, newest first. */
export interface DatasetHistory {
  name: string;
  kind: 'indicators' | 'observations' | 'agreements' | 'annotations';
  /** The version the dashboard shows; null when the dataset is withdrawn (or its list of versions is damaged). */
  current: number | null;
  versions: VersionView[];
  /** Set when the dataset is left out of the dashboard: why (a restore of a good version repairs it). */
  damage: DamagedDataset | null;
}
