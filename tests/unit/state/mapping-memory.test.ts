import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ColumnMapping } from '$lib/import/mapping';
import { recalledMapping, rememberMapping } from '$lib/state/mapping-memory';

const mapping: ColumnMapping = {
  layout: 'long',
  columns: { indicator: 2, period: 0, value: 1 },
  periodColumns: [],
  indicatorConstant: null,
  periodConstant: null
} as unknown as ColumnMapping;

describe('a column mapping remembered for files of the same shape', () => {
  beforeEach(() => {
    const kept = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => kept.get(k) ?? null,
      setItem: (k: string, v: string) => void kept.set(k, v)
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("gives last time's choice to a file with the same headers, whatever their case or accents, and none to another", () => {
    rememberMapping(['Période', 'Valeur', 'Indicateur'], mapping);
    expect(recalledMapping(['période', 'valeur', 'indicateur'])).toEqual(mapping);
    expect(recalledMapping(['Valeur', 'Période', 'Indicateur'])).toBeNull();
  });

  it('is nothing where the browser keeps nothing (server rendering) or what it kept is unreadable', () => {
    vi.stubGlobal('localStorage', { getItem: () => '{not json', setItem: () => {} });
    expect(recalledMapping(['Période'])).toBeNull();
    vi.unstubAllGlobals();
    vi.stubGlobal('localStorage', undefined);
    expect(() => rememberMapping(['Période'], mapping)).not.toThrow();
    expect(recalledMapping(['Période'])).toBeNull();
  });
});
