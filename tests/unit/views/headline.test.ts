import { describe, expect, it } from 'vitest';
import { insertIndicatorQuery } from '$lib/queries/import-commit';
import { NO_FILTERS } from '$lib/queries/filters';
import { rebuildSummaries } from '$lib/engine/load';
import type { DatasetFile } from '$lib/queries/datasets';
import { overviewModel } from '$lib/views/overview';
import { reportModel } from '$lib/views/report';
import { engineWith, readDataDir } from '../queries/engine';

// Issue 12, item 5: an indicator described during an import took over its axis's panel on the overview
// (the Coproductions panel showed « Coût du charbon »). It joins the catalogue; the headline stays.

const COAL = {
  indicator_id: 'cout_charbon',
  axis: 'coproductions',
  name_fr: 'Coût du charbon',
  name_en: 'Cost of coal',
  unit: 'CAD'
};
const coalRows = 'indicator_id,period,value,source\ncout_charbon,2023-2024,12,Import\ncout_charbon,2024-2025,15,Import\n';

const headlineOf = async (files: DatasetFile[], extra?: (db: Awaited<ReturnType<typeof engineWith>>) => Promise<void>) => {
  const db = await engineWith(files);
  await extra?.(db);
  const overview = await overviewModel(db, NO_FILTERS);
  const report = await reportModel(db, { filters: NO_FILTERS, indicators: null });
  return {
    headline: overview.panels.find((p) => p.axis === 'coproductions')?.indicator.indicator_id,
    catalogue: report.catalogue.map((i) => i.indicator_id)
  };
};

// Three engines of the shipped data, each loaded anew: slow on a busy 2-core machine.
const SLOW = 180_000;

describe('an indicator created by an import', () => {
  it(
    "never displaces its axis's headline once published (its catalogue loaded after the shipped one)",
    async () => {
      const shipped = (await readDataDir('data')).files;
      const { headline, catalogue } = await headlineOf([
        ...shipped,
        {
          name: 'catalogue/charbon.csv',
          kind: 'indicators',
          text: `indicator_id,axis,name_fr,name_en,unit,direction,source,measure\n${Object.values(COAL).join(',')},up,Import,flow\n`
        },
        { name: 'observations/charbon.csv', kind: 'observations', text: coalRows }
      ]);
      expect(headline).toBe('coproductions_soutenues');
      expect(catalogue).toContain('cout_charbon');
      expect(catalogue.indexOf('cout_charbon')).toBeGreaterThan(catalogue.indexOf('budget_coproductions'));
    },
    SLOW
  );

  it(
    'never displaces it when loaded in this browser only',
    async () => {
      const shipped = (await readDataDir('data')).files;
      const { headline, catalogue } = await headlineOf(shipped, async (db) => {
        await db.query(insertIndicatorQuery('imports/charbon.csv.indicators.csv', COAL));
        await rebuildSummaries(db, true);
      });
      expect(headline).toBe('coproductions_soutenues');
      expect(catalogue).toContain('cout_charbon');
    },
    SLOW
  );

  it(
    'becomes the headline when the manager says so (`headline` in its catalogue row)',
    async () => {
      const shipped = (await readDataDir('data')).files;
      const { headline } = await headlineOf([
        ...shipped,
        {
          name: 'catalogue/charbon.csv',
          kind: 'indicators',
          text: `indicator_id,axis,name_fr,name_en,unit,direction,source,measure,headline\n${Object.values(COAL).join(',')},up,Import,flow,true\n`
        },
        { name: 'observations/charbon.csv', kind: 'observations', text: coalRows }
      ]);
      expect(headline).toBe('cout_charbon');
    },
    SLOW
  );
});
