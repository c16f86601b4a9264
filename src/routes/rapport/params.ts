import { filtersFromUrl } from '$lib/state/url';
import type { ReportParams } from '$lib/views/report';

/** URL parameter of the ticked indicators: `?indicateurs=tournees_soutenues,bureaux_etranger`. */
export const INDICATORS_PARAM = 'indicateurs';

/** Reads a report's filters and ticked indicators from its URL; unknown ids are dropped by the model. */
export function reportParamsFromUrl(params: URLSearchParams): ReportParams {
  const raw = params.get(INDICATORS_PARAM);
  const indicators =
    raw === null
      ? null
      : [
          ...new Set(
            raw
              .split(',')
              .map((s) => s.trim())
              .filter((s) => /^[\w-]{1,64}$/.test(s))
          )
        ].slice(0, 100);
  return { filters: filtersFromUrl(params), indicators };
}
