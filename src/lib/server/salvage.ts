import type { VersionRecord } from './store';

/** Whether a parsed value has the shape of a version record (a manifest edited by hand may not). */
export function isVersionRecord(v: unknown): v is VersionRecord {
  const r = v as Record<string, unknown> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    Number.isInteger(r.version) &&
    (r.version as number) > 0 &&
    ['publish', 'restore', 'withdraw'].includes(r.action as string) &&
    (r.sha256 === null || (typeof r.sha256 === 'string' && /^[0-9a-f]{64}$/.test(r.sha256))) &&
    typeof r.at === 'string' &&
    typeof r.by === 'string'
  );
}

/** The index just past the JSON object starting at `start` (a `{`), or -1 when the text ends first. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * The versions a damaged manifest still holds: its records read one by one, up to the first one cut or
 * malformed (a manifest truncated on disk keeps every version before the cut). Oldest first, as written.
 */
export function salvageVersions(text: string): VersionRecord[] {
  const list = /"versions"\s*:\s*\[/.exec(text);
  if (!list) return [];
  const out: VersionRecord[] = [];
  let i = list.index + list[0].length;
  for (;;) {
    while (i < text.length && /[\s,]/.test(text[i]!)) i++;
    if (text[i] !== '{') break;
    const end = objectEnd(text, i);
    if (end < 0) break;
    let record: unknown;
    try {
      record = JSON.parse(text.slice(i, end));
    } catch {
      break;
    }
    if (!isVersionRecord(record) || (out.length && record.version <= out.at(-1)!.version)) break;
    out.push(record);
    i = end;
  }
  return out;
}

/**
 * The highest version number a damaged manifest still names anywhere, complete record or not: the next
 * version is numbered past it, so that a number a cut record had is not given again.
 */
export function highestVersionNamed(text: string): number {
  let max = 0;
  for (const m of text.matchAll(/"version"\s*:\s*(\d{1,9})/g)) max = Math.max(max, Number(m[1]));
  return max;
}
