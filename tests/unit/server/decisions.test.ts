import { describe, expect, it } from 'vitest';
import { parseDecisions } from '$lib/server/publish';

describe('the decisions sent with a published file', () => {
  it('refuse an array where an object is expected, at the top or inside', () => {
    expect(parseDecisions([], 'f.csv')).toBe(null);
    expect(parseDecisions({ dialect: [] }, 'f.csv')).toBe(null);
    expect(parseDecisions({ indicatorMap: [] }, 'f.csv')).toBe(null);
    expect(parseDecisions({ mapping: [] }, 'f.csv')).toBe(null);
    expect(parseDecisions({ mapping: { layout: 'long', columns: [], periodColumns: [] } }, 'f.csv')).toBe(null);
    expect(parseDecisions({ described: [[]] }, 'f.csv')).toBe(null);
    expect(parseDecisions({}, 'f.csv')).toMatchObject({ dataset: 'observations/imports-f.csv', mode: 'replace' });
  });

  it('keep labels such as constructor or __proto__ as labels, never Object.prototype’s members', () => {
    const d = parseDecisions(JSON.parse('{"indicatorMap":{"__proto__":"tournees_soutenues","toString":null}}'), 'f.csv')!;
    expect(d.indicatorMap['constructor']).toBeUndefined();
    expect(d.indicatorMap['hasOwnProperty']).toBeUndefined();
    expect(d.indicatorMap['__proto__']).toBe('tournees_soutenues');
    expect(d.indicatorMap['toString']).toBe(null);
    expect(Object.keys(d.indicatorMap).sort()).toEqual(['__proto__', 'toString']);
  });
});
