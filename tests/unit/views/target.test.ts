import { describe, expect, it } from 'vitest';
import type { Indicator } from '$lib/queries/indicators';
import type { SeriesPoint } from '$lib/queries/observations';
import { changeArrow, targetStatus, targetStatusKey } from '$lib/views/target';

const indicator = (over: Partial<Indicator> = {}): Indicator => ({
  indicator_id: 'tours',
  axis: 'tournees',
  name_fr: 'Tournées',
  name_en: 'Tours',
  unit: 'count',
  direction: 'up',
  target: 200,
  target_period: '2025-2026',
  target_start: '2025-04-01',
  target_end: '2026-03-31',
  definition_fr: null,
  definition_en: null,
  source: 'sample',
  measure: 'flow',
  ...over
});
const fy = (y: number, value: number | null): SeriesPoint => ({
  indicator_id: 'tours',
  period: `${y}-${y + 1}`,
  start: `${y}-04-01`,
  end: `${y + 1}-03-31`,
  granularity: 'fiscal_year',
  value,
  sample: true,
  note: null,
  source: 'sample'
});

describe('targetStatus', () => {
  // Baseline: 2019-2020 (contains the Vision's publication) = 100; target 200 in 2025-2026.
  const base = [fy(2018, 90), fy(2019, 100)];

  it('is on track when the latest value is above the straight path from the baseline to the target', () => {
    const s = targetStatus(indicator(), [...base, fy(2022, 160)]);
    expect(s).toMatchObject({ reached: false, onTrack: true, progress: 0.8 });
  });

  it('is behind when below that path', () => {
    expect(targetStatus(indicator(), [...base, fy(2022, 120)])).toMatchObject({ reached: false, onTrack: false, progress: 0.6 });
  });

  it('is reached when the value meets the target', () => {
    expect(targetStatus(indicator(), [...base, fy(2024, 210)])).toMatchObject({ reached: true, onTrack: true });
  });

  it('reads the direction: lower is better for a "down" indicator', () => {
    const down = indicator({ direction: 'down', target: 50 });
    expect(targetStatus(down, [...base, fy(2024, 45)])).toMatchObject({ reached: true });
    expect(targetStatus(down, [...base, fy(2024, 99)])).toMatchObject({ reached: false, onTrack: false });
  });

  it('says nothing without a target or without values', () => {
    expect(targetStatus(indicator({ target: null }), base)).toBeNull();
    expect(targetStatus(indicator(), [fy(2019, null)])).toBeNull();
  });

  it('ignores a trailing missing value: the latest known one counts', () => {
    expect(targetStatus(indicator(), [...base, fy(2022, 160), fy(2023, null)])).toMatchObject({ progress: 0.8 });
  });
});

describe('status words and change arrows', () => {
  it('name the status by reached, then on track, then behind', () => {
    const s = targetStatus(indicator(), [fy(2018, 90), fy(2019, 100), fy(2022, 120)])!;
    expect(targetStatusKey(s)).toBe('target.behind');
    expect(targetStatusKey({ ...s, onTrack: true })).toBe('target.onTrack');
    expect(targetStatusKey({ ...s, reached: true, onTrack: false })).toBe('target.reached');
  });

  it('point the arrow with the change, a square when flat or unknown', () => {
    expect([changeArrow(0.1), changeArrow(-0.1), changeArrow(0), changeArrow(null)]).toEqual(['▲', '▼', '■', '■']);
  });
});
