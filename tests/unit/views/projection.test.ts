import { describe, expect, it } from 'vitest';
import { disruptionsOf, knownOfKind } from '$lib/views/disruption';
import { projectionOf, projectionPoints, theilSen, type Projected } from '$lib/views/projection';
import { ANNOTATIONS, indicator, targetIn, years } from '../narrative/fixtures';

const round = (v: number) => Math.round(v * 100) / 100;
const projected = (p: ReturnType<typeof projectionOf>): Projected => {
  if (p?.kind !== 'projected') throw new Error(`no projection: ${JSON.stringify(p)}`);
  return p;
};

describe('theilSen', () => {
  it('fits the median of the pairwise slopes, with Sen’s interval and a robust scale', () => {
    // Slopes 6, 9, 9, 10, 10, 10.5, 12, 12, 12, 12: median 10,25; 80 % ranks 2,38 and 8,62 → 9 and 12.
    // Intercept median(100, 101,75, 97,5, 99,25, 101) = 100; residuals' median absolute deviation 1.
    const line = theilSen([0, 1, 2, 3, 4], [100, 112, 118, 130, 142]);
    expect(line).toEqual({ slope: 10.25, intercept: 100, slopeLow: 9, slopeHigh: 12, scale: 1.4826, centre: 2 });
  });

  it('is not pulled by one wild point, where least squares would be', () => {
    expect(theilSen([0, 1, 2, 3, 4, 5], [10, 11, 12, 60, 14, 15]).slope).toBe(1);
  });
});

describe('projectionOf', () => {
  const series = years(2019, [100, 112, 118, 130, 142]);

  it('projects a known series to a known value, interval and year', () => {
    // 100 + 10,25 × 8 = 182 in 2027-2028. Eight years from 2019-2020, six from the data's centre (2021-2022):
    // up √((12 − 10,25)² × 6² + (1,2816 × 1,4826)²) = 10,67; down √(1,25² × 6² + 1,90²) = 7,74.
    const p = projected(projectionOf(indicator(targetIn(2027, 190)), series, ANNOTATIONS));
    expect([p.at.period, round(p.at.value), round(p.at.low), round(p.at.high)]).toEqual(['2027-2028', 182, 174.26, 192.67]);
    expect(p.reachedIn?.period).toBe('2028-2029'); // 192,25 ≥ 190
    expect(p.reachable).toBe(true);
    expect(p.path.map((q) => q.period)).toEqual(['2024-2025', '2025-2026', '2026-2027', '2027-2028']);
    expect([p.used, p.since.period, p.excluded, round(p.slope)]).toEqual([5, '2019-2020', [], 10.25]);
    expect(projected(projectionOf(indicator(targetIn(2027, 200)), series, ANNOTATIONS)).reachable).toBe(false);
  });

  it('is exact on a straight line', () => {
    const p = projected(projectionOf(indicator(targetIn(2027, 200)), years(2019, [100, 110, 120, 130, 140]), []));
    expect([p.at.value, p.at.low, p.at.high, p.reachedIn?.period]).toEqual([180, 180, 180, '2029-2030']);
  });

  it('leaves out the pandemic’s dip until the level before it is back, so the rebound is not read as growth', () => {
    // The sample's shape: 2019-2020 = 357, fall in 2020-2021 after the pandemic began, back in 2023-2024.
    const shape = [0.88, 0.91, 0.94, 0.97, 1.0, 0.94, 0.17, 0.55, 0.84, 1.01, 1.06, 1.11];
    const sample = years(
      2014,
      shape.map((v) => Math.round(v * 380))
    );
    const p = projected(projectionOf(indicator(targetIn(2027, 460)), sample, ANNOTATIONS));
    expect(p.excluded.map((q) => q.period)).toEqual(['2020-2021', '2021-2022', '2022-2023']);
    expect(p.used).toBe(4); // 2019-2020, 2023-2024, 2024-2025, 2025-2026
    // Slopes 6,75, 9,2, 10,83, 19, 19, 19 between 357, 384, 403 and 422: median 14,92 a year, where the
    // same line through the dip and its rebound climbs by more than 35 a year.
    expect(round(p.slope)).toBe(14.92);
    expect([Math.round(p.at.value), Math.round(p.at.low), Math.round(p.at.high)]).toEqual([450, 421, 466]);
    expect(p.reachedIn?.period).toBe('2028-2029');
    const withoutFlags = projected(projectionOf(indicator(targetIn(2027, 460)), sample, []));
    expect(withoutFlags.excluded).toEqual([]);
    expect(withoutFlags.slope).toBeGreaterThan(35);
  });

  it('says too few when fewer than four periods remain', () => {
    expect(projectionOf(indicator(targetIn(2027, 200)), years(2019, [100, 112, 118]), ANNOTATIONS)).toMatchObject({
      kind: 'tooFew',
      used: 3,
      needed: 4,
      goal: { period: '2027-2028' }
    });
  });

  it('skips missing values without reading them as zero', () => {
    const p = projected(projectionOf(indicator(targetIn(2027, 200)), years(2019, [100, 110, null, 130, 140]), []));
    expect([p.used, p.at.value, p.at.low, p.at.high]).toEqual([4, 180, 180, 180]);
  });

  it('projects nothing when the target period has a value, or is of another kind than the data', () => {
    expect(projectionOf(indicator(targetIn(2023, 150)), series, ANNOTATIONS)).toBeNull();
    expect(projectionOf(indicator(targetIn(2021, 150)), series, ANNOTATIONS)).toBeNull();
    const calendar = indicator({ target: 200, target_period: '2027', target_start: '2027-01-01', target_end: '2027-12-31' });
    expect(projectionOf(calendar, series, ANNOTATIONS)).toBeNull();
    expect(projectionOf(indicator({ target: null }), series, ANNOTATIONS)).toBeNull();
  });

  it('reads the direction: a target below the values is met when the line comes down to it', () => {
    const down = indicator({ ...targetIn(2027, 60), direction: 'down' });
    const p = projected(projectionOf(down, years(2019, [100, 95, 90, 85, 80]), []));
    expect([p.at.value, p.reachedIn?.period, p.reachable]).toEqual([60, '2027-2028', true]);
  });

  it('gives the chart the last value, then each projected period', () => {
    const points = projectionPoints(projectionOf(indicator(targetIn(2025, 200)), years(2019, [100, 110, 120, 130, 140]), []));
    expect(points.map((q) => [q.start, q.value, q.low, q.high])).toEqual([
      ['2023-04-01', 140, 140, 140],
      ['2024-04-01', 150, 150, 150],
      ['2025-04-01', 160, 160, 160]
    ]);
  });
});

describe('disruptions', () => {
  it('are falls of a quarter or more after an annotated event, until the level is back', () => {
    const points = knownOfKind(years(2018, [330, 340, 58, 190, 345, 360]), 'fiscal_year');
    const [d, ...more] = disruptionsOf(points, ANNOTATIONS);
    expect(more).toEqual([]);
    expect([d!.move.to.period, d!.move.event?.short_fr, d!.recovered?.period, d!.periods.map((p) => p.period)]).toEqual([
      '2020-2021',
      'COVID-19',
      '2022-2023',
      ['2020-2021', '2021-2022']
    ]);
    expect(disruptionsOf(points, [])).toEqual([]);
  });
});
