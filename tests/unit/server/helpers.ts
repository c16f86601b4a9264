import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';

const made: string[] = [];
const kept: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});
afterAll(async () => {
  for (const dir of kept.splice(0)) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

/** A fresh, empty store folder, removed after the test (or after the file's tests, from `beforeAll`). */
export async function tempStore(scope: 'test' | 'file' = 'test'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-store-'));
  (scope === 'test' ? made : kept).push(dir);
  return dir;
}

/** A small observations CSV whose one value is `value`. */
export function csv(value: number | string, indicator = 'tournees_soutenues', period = '2030-2031'): Uint8Array {
  return new TextEncoder().encode(`indicator_id,period,value\n${indicator},${period},${value}\n`);
}

/** Bytes as text. */
export const text = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));
