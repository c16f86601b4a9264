import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appendLine } from './fsio';

/** What the audit log records. */
export type AuditEvent =
  | 'publish'
  | 'publish_refused'
  | 'restore'
  | 'withdraw'
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_in_limited'
  | 'sign_out'
  | 'user_add'
  | 'user_remove'
  | 'user_password'
  | 'user_role'
  | 'admin_created';

/** One line of the audit log. Never a password or a token. */
export interface AuditEntry {
  at: string;
  event: AuditEvent;
  /** The account acting (or tried, for a failed sign-in); `cli` for the command line. */
  user: string | null;
  ip?: string | null;
  dataset?: string;
  version?: number;
  /** What else matters: the account changed, a refusal's reason, a file name. */
  detail?: string;
}

/** The append-only audit log, `audit.log` of the store folder: one JSON object per line. */
export class AuditLog {
  constructor(readonly root: string) {}

  get path() {
    return join(this.root, 'audit.log');
  }

  /** Appends an entry (synced before this resolves). */
  async record(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    await appendLine(this.path, JSON.stringify({ at: new Date().toISOString(), ...entry }));
  }

  /** The last `n` entries, newest first (for the admin page). */
  async tail(n: number): Promise<AuditEntry[]> {
    const text = await readFile(this.path, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter(Boolean)
      .slice(-n)
      .reverse()
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as AuditEntry];
        } catch {
          return []; // a line cut by a crash mid-append
        }
      });
  }
}
