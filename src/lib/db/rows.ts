import type { Row } from './types';

interface ArrowLike {
  toArray(): { toJSON(): Record<string, unknown> }[];
}

/** Arrow result → plain rows: BigInt (COUNT, SUM of integers) to number, so rows survive JSON and SSR. */
export function toRows<T>(table: ArrowLike): T[] {
  return table.toArray().map((r) => {
    const o = r.toJSON();
    const out: Row = {};
    for (const k in o) {
      const v = o[k];
      out[k] = typeof v === 'bigint' ? Number(v) : (v as Row[string]);
    }
    return out as T;
  });
}
