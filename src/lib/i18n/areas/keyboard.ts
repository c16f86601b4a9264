/** Words of keyboard use and screen readers (WCAG 2.2 AA, SGQRI 008 3.0): charts, focus, instructions. */
export const keyboardFr = {
  'keyboard.chartRole': 'graphique interactif',
  'keyboard.pickedFrom': 'Début de la période choisi :',
  'keyboard.chartKeys':
    'Flèches gauche et droite, Début et Fin pour parcourir les valeurs ; Entrée au début puis à la fin d’une période pour la choisir ; Échap pour annuler.'
} as const;

export const keyboardEn: Record<keyof typeof keyboardFr, string> = {
  'keyboard.chartRole': 'interactive chart',
  'keyboard.pickedFrom': 'Start of the period picked:',
  'keyboard.chartKeys':
    'Left and right arrows, Home and End step through the values; Enter at the start and then at the end of a period picks it; Escape cancels.'
};
