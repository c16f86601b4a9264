import { describe, expect, it } from 'vitest';
import type { Indicator } from '$lib/queries/indicators';
import type { SeriesPoint } from '$lib/queries/observations';
import { periodOf } from '$lib/views/periods';
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
  headline: false,
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

const month = (m: string, value: number | null): SeriesPoint => {
  const p = periodOf('month', `${m}-01`);
  return { ...fy(2025, value), ...p, sample: false };
};
const FY_2025 = [
  '2025-04',
  '2025-05',
  '2025-06',
  '2025-07',
  '2025-08',
  '2025-09',
  '2025-10',
  '2025-11',
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03'
];

describe('targetStatus compares like with like', () => {
  const annual = indicator({ target: 420 });

  it("adds up the months of the target's fiscal year (not the last month against the year's target)", () => {
    const s = targetStatus(
      annual,
      FY_2025.map((m) => month(m, 35))
    );
    expect(s).toMatchObject({ reached: true, progress: 1, measured: { period: '2025-2026', value: 420 } });
    expect(s?.measured.partial).toBeUndefined();
  });

  it('reads a year not over as a total to date, set against the same share of the target', () => {
    const s = targetStatus(
      annual,
      FY_2025.slice(0, 7).map((m) => month(m, 36))
    )!;
    expect(s.measured).toMatchObject({ period: '2025-2026', value: 252, partial: true, through: '2025-10-31' });
    expect(s.progress).toBeCloseTo(0.6);
    // 214 days of 365: 246 expected by the end of October.
    expect(s.expected).toBeCloseTo((420 * 214) / 365);
    expect(s).toMatchObject({ reached: false, onTrack: true });
    const slow = targetStatus(
      annual,
      FY_2025.slice(0, 7).map((m) => month(m, 30))
    )!;
    expect(slow).toMatchObject({ reached: false, onTrack: false });
  });

  it("measures the latest period of the target's kind when the data stop before the target's period", () => {
    const s = targetStatus(indicator(), [fy(2018, 90), fy(2019, 100), fy(2022, 150), fy(2023, 170)])!;
    expect(s.measured.period).toBe('2023-2024');
    expect(s.progress).toBeCloseTo(0.85);
  });

  it('reads a stock at the end of the period, never summed', () => {
    const offices = indicator({ measure: 'stock', target: 40 });
    const s = targetStatus(offices, [month('2025-05', 33), month('2025-09', 34), month('2025-12', 36)])!;
    expect(s.measured).toMatchObject({ value: 36, partial: true, through: '2025-12-31' });
    expect(s.progress).toBeCloseTo(0.9);
  });

  it('does not call a "down" target reached by a total that is still growing', () => {
    const costs = indicator({ direction: 'down', target: 400 });
    expect(
      targetStatus(
        costs,
        FY_2025.slice(0, 3).map((m) => month(m, 30))
      )
    ).toMatchObject({ reached: false, onTrack: true });
    expect(
      targetStatus(
        costs,
        FY_2025.map((m) => month(m, 30))
      )
    ).toMatchObject({ reached: true });
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
