/**
 * Words for periods read against targets and for changes (views/target.ts, views/change.ts): what is
 * compared with what; what a chart draws of partial periods and missing values; the catalogue of
 * indicators (routes/indicateurs).
 */
export const periodsFr = {
  'period.toDate.fiscal_year': "cumul de l'exercice à ce jour",
  'period.toDate.year': "cumul de l'année à ce jour",
  'period.toDate.quarter': 'cumul du trimestre à ce jour',
  'period.toDate.month': 'cumul du mois à ce jour',
  'period.toDate.day': 'cumul à ce jour',
  'period.through': "{period}, {toDate} (jusqu'au {day})",
  'period.levelOn': '{period}, niveau au {day}',
  'period.incomplete': '{period} (incomplet : valeurs manquantes)',
  'period.partial': 'partiel',
  'chart.missingShort': 'n.d.',
  'panel.changeSameSpan': 'Variation par rapport à la même période de {period}',
  'panel.noComparable': 'Pas de valeur pour {period}',
  'target.measured': '{period} : {value}',
  'target.outOfYears': 'Hors des années choisies',
  'catalogue.title': 'Indicateurs',
  'catalogue.intro':
    "Tous les indicateurs suivis, par axe d'intervention, y compris ceux qu'une importation a ajoutés. Celui qui figure sur la vue d'ensemble est signalé.",
  'catalogue.headline': "Sur la vue d'ensemble",
  'catalogue.noTarget': 'Sans cible',
  'catalogue.all': 'Tous les indicateurs',
  'indicator.searchingLocal': 'Recherche de cet indicateur dans les données importées dans ce navigateur…',
  'filters.years.fiscal_year': 'Exercices financiers (1er avril au 31 mars), désignés par leur année de début.',
  'filters.years.year': 'Années civiles.',
  'filters.years.mixed':
    "Années civiles, ou exercices financiers (1er avril au 31 mars) commençant l'année choisie pour les indicateurs suivis par exercice."
} as const;

export const periodsEn: Record<keyof typeof periodsFr, string> = {
  'period.toDate.fiscal_year': 'fiscal year to date',
  'period.toDate.year': 'year to date',
  'period.toDate.quarter': 'quarter to date',
  'period.toDate.month': 'month to date',
  'period.toDate.day': 'to date',
  'period.through': '{period}, {toDate} (through {day})',
  'period.levelOn': '{period}, level on {day}',
  'period.incomplete': '{period} (incomplete: values missing)',
  'period.partial': 'partial',
  'chart.missingShort': 'n/a',
  'panel.changeSameSpan': 'Change from the same period of {period}',
  'panel.noComparable': 'No value for {period}',
  'target.measured': '{period}: {value}',
  'target.outOfYears': 'Outside the years chosen',
  'catalogue.title': 'Indicators',
  'catalogue.intro':
    'Every indicator followed, by action axis, those an import added included. The one shown on the overview is marked.',
  'catalogue.headline': 'On the overview',
  'catalogue.noTarget': 'No target',
  'catalogue.all': 'All indicators',
  'indicator.searchingLocal': 'Looking for this indicator in the data imported in this browser…',
  'filters.years.fiscal_year': 'Fiscal years (April 1 to March 31), named by the year they start in.',
  'filters.years.year': 'Calendar years.',
  'filters.years.mixed':
    'Calendar years, or the fiscal years (April 1 to March 31) starting in the chosen year for indicators followed by fiscal year.'
};
