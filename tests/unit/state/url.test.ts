import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '$lib/queries/filters';
import { filtersFromUrl, indicatorParamsFromUrl, otherParams, reportParamsFromUrl, urlWithFilters } from '$lib/state/url';

describe('filters in the URL', () => {
  it('round-trip, keeping the other parameters', () => {
    const filters = { from: 2016, to: 2024, region: 'États-Unis', discipline: 'Arts du cirque', program: null };
    const url = urlWithFilters(new URL('http://x/?lang=en&vue=multiples'), filters);
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.searchParams.get('vue')).toBe('multiples');
    expect(filtersFromUrl(url.searchParams)).toEqual(filters);
  });

  it('drop the parameters of cleared filters', () => {
    const url = urlWithFilters(new URL('http://x/?de=2016&region=Europe'), NO_FILTERS);
    expect(url.search).toBe('');
  });

  it('ignore malformed years and swap an inverted range', () => {
    expect(filtersFromUrl(new URLSearchParams('de=abc&a=2019'))).toMatchObject({ from: null, to: 2019 });
    expect(filtersFromUrl(new URLSearchParams('de=2024&a=2016'))).toMatchObject({ from: 2016, to: 2024 });
  });

  it('read the indicator page breakdown and view', () => {
    const p = indicatorParamsFromUrl('tours', new URL('http://x/?par=pays&vue=multiples&region=Europe').searchParams);
    expect(p).toMatchObject({ id: 'tours', dim: 'country', view: 'multiples', filters: { region: 'Europe' } });
    expect(indicatorParamsFromUrl('tours', new URL('http://x/?par=aucune').searchParams).dim).toBeNull();
    expect(indicatorParamsFromUrl('tours', new URL('http://x/').searchParams).dim).toBe('region');
  });

  it('read a filter form submitted without JavaScript: empty choices are no filter, other parameters kept apart', () => {
    const submitted = new URLSearchParams('par=pays&de=&a=2019&region=Europe&discipline=&programme=');
    expect(filtersFromUrl(submitted)).toEqual({ from: null, to: 2019, region: 'Europe', discipline: null, program: null });
    expect(otherParams(submitted)).toEqual([['par', 'pays']]);
  });

  it("read the report's ticked indicators, dropping malformed ids and repeats", () => {
    const p = reportParamsFromUrl(new URLSearchParams('indicateurs=a_1,a_1, b ,<x>&region=Europe'));
    expect(p).toEqual({ indicators: ['a_1', 'b'], filters: { ...NO_FILTERS, region: 'Europe' } });
    expect(reportParamsFromUrl(new URLSearchParams('')).indicators).toBeNull();
  });
});
