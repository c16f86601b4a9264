import { describe, expect, it } from 'vitest';
import { overlayLines } from '$lib/charts/export/native';
import { PROJECTION, TARGET } from '$lib/charts/palette';

// The target and projection as PowerPoint's chart draws them: values on the chart's own categories.

const fy = (y: number) => ({ period: `${y}-${y + 1}`, start: `${y}-04-01`, end: `${y + 1}-03-31`, granularity: 'fiscal_year' });
const projected = (y: number, value: number) => ({
  start: `${y}-04-01`,
  end: `${y + 1}-03-31`,
  value,
  low: value - 5,
  high: value + 5
});
const periods = [fy(2023), fy(2024), fy(2025)];
const target = { value: 70, label: 'Cible 2027-2028 : 70' };

describe('overlayLines', () => {
  it('draws the target in every period and the projection from the last value to the target period', () => {
    const projection = {
      label: 'Projection',
      points: [{ ...projected(2025, 64), low: 64, high: 64 }, projected(2026, 66), projected(2027, 68)]
    };
    expect(overlayLines(periods, { target, projection }, 'fr')).toEqual({
      ahead: ['2026-2027', '2027-2028'],
      lines: [
        { role: 'target', name: 'Cible 2027-2028 : 70', colour: TARGET, values: [70, 70, 70, 70, 70] },
        { role: 'projection', name: 'Projection', colour: PROJECTION, values: [null, null, 64, 66, 68] }
      ]
    });
  });

  it('runs the projection through a period the chart already shows (a year known only in part)', () => {
    const projection = { label: 'Projection', points: [projected(2024, 60), projected(2025, 62), projected(2026, 64)] };
    const { ahead, lines } = overlayLines(periods, { projection }, 'en');
    expect(ahead).toEqual(['2026-2027']);
    expect(lines.map((l) => l.values)).toEqual([[null, 60, 62, 64]]);
  });

  it('leaves out a projection that starts from no period of the chart, and adds nothing without target or projection', () => {
    const projection = { label: 'Projection', points: [projected(2030, 1), projected(2031, 2)] };
    expect(overlayLines(periods, { target, projection }, 'fr')).toEqual({
      ahead: [],
      lines: [{ role: 'target', name: target.label, colour: TARGET, values: [70, 70, 70] }]
    });
    expect(overlayLines(periods, { target: null, projection: null }, 'fr')).toEqual({ ahead: [], lines: [] });
  });
});
