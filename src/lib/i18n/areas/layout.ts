/** Words of the page frame: the PIV header and footer of Québec's design system, the site menu. */
export const layoutFr = {
  'piv.title': 'Vigie — Indicateurs culturels de la Vision internationale',
  'piv.logoAlt': 'Gouvernement du Québec',
  'piv.logoLink': 'Gouvernement du Québec — accueil de Vigie',
  'piv.links': 'Langue et compte',
  'piv.copyright': '© Gouvernement du Québec, {year}',
  'piv.footerLabel': 'Pied de page',
  'notice.information': 'Information',
  'notice.success': 'Réussite',
  'notice.warning': 'Avertissement',
  'notice.error': 'Erreur'
} as const;

export const layoutEn: Record<keyof typeof layoutFr, string> = {
  'piv.title': 'Vigie — Cultural indicators of the International Vision',
  'piv.logoAlt': 'Government of Québec',
  'piv.logoLink': 'Government of Québec — Vigie home',
  'piv.links': 'Language and account',
  'piv.copyright': '© Government of Québec, {year}',
  'piv.footerLabel': 'Footer',
  'notice.information': 'Information',
  'notice.success': 'Success',
  'notice.warning': 'Warning',
  'notice.error': 'Error'
};
