import { describe, expect, it } from 'vitest';
import { reuse } from '$lib/state/reuse';

const panel = (axis: string, values: (number | null)[]) => ({
  axis,
  indicator: { indicator_id: axis, unit: 'count' },
  series: values.map((value, i) => ({ period: String(2020 + i), value }))
});

describe('reuse: a recomputed model keeps the objects of what did not change', () => {
  it('keeps an unchanged panel whole and replaces only the one whose values changed', () => {
    const prev = { panels: [panel('tournees', [1, 2]), panel('bureaux', [5, null])], domain: ['2020-01-01', '2021-12-31'] };
    const next = { panels: [panel('tournees', [1, 3]), panel('bureaux', [5, null])], domain: ['2020-01-01', '2021-12-31'] };
    const kept = reuse(prev, next);
    expect(kept).not.toBe(prev);
    expect(kept).toEqual(next);
    expect(kept.panels[1]).toBe(prev.panels[1]);
    expect(kept.domain).toBe(prev.domain);
    expect(kept.panels[0]).not.toBe(prev.panels[0]);
    expect(kept.panels[0]!.indicator).toBe(prev.panels[0]!.indicator); // the unchanged part of a changed panel
    expect(kept.panels[0]!.series[1]).toEqual({ period: '2021', value: 3 });
  });

  it('returns the previous model itself when nothing changed', () => {
    const prev = { panels: [panel('tournees', [1, 2])], note: null };
    expect(reuse(prev, structuredClone(prev))).toBe(prev);
  });

  it('sees a point added or removed, a key added or removed, and null against 0', () => {
    const prev = panel('tournees', [1, 2]);
    expect(reuse(prev, panel('tournees', [1, 2, 3])).series).toHaveLength(3);
    expect(reuse(prev, panel('tournees', [1])).series).toHaveLength(1);
    expect(reuse(prev, panel('tournees', [1, null])).series[1]!.value).toBeNull();
    expect(reuse(panel('x', [null]), panel('x', [0])).series[0]!.value).toBe(0);
    const withKey = { a: 1, b: undefined as number | undefined };
    expect(Object.keys(reuse({ a: 1 } as typeof withKey, withKey))).toEqual(['a', 'b']);
    expect(reuse(withKey, { a: 1 } as typeof withKey)).not.toBe(withKey);
  });

  it('compares dates by identity, never as equal empty objects', () => {
    const prev = { at: new Date('2020-01-01') };
    const next = { at: new Date('2024-01-01') };
    expect(reuse(prev, next).at.getUTCFullYear()).toBe(2024);
  });
});
