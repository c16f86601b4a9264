/** Words of the filter form (beyond the filter bar's labels in fr.ts). */
export const filtersFr = {
  'filters.apply': 'Appliquer les filtres'
} as const;

export const filtersEn: Record<keyof typeof filtersFr, string> = {
  'filters.apply': 'Apply the filters'
};
