/** Words of the import's validation report: totals and parts, units, set-aside rows, warnings (French). */
export const importChecksFr = {
  'import.fileOf': 'Fichier {i} sur {n}',
  'import.next': 'Fichier suivant : {name}',
  'import.constantPeriod': 'Période de toutes les lignes',
  'import.constantPeriodHelp': 'Le fichier n’a pas de colonne de période : indiquez-la (ex. 2024-01, 2023-2024).',
  // Summary, one count a message, each with its own singular.
  'import.read': '{n} valeurs lues',
  'import.read.one': '{n} valeur lue',
  'import.valid': '{n} valides',
  'import.valid.one': '{n} valide',
  'import.missing': '{n} non disponibles (.., x, F ou vide), chargées comme manquantes',
  'import.missing.one': '{n} non disponible (.., x, F ou vide), chargée comme manquante',
  'import.aside': '{n} écartées selon vos choix',
  'import.aside.one': '{n} écartée selon vos choix',
  'import.asideDetail': 'Écartées : {list}.',
  'import.aside.indicator': '{n} d’indicateurs que vous n’importez pas',
  'import.aside.total': '{n} de totaux (vous chargez les parties)',
  'import.aside.parts': '{n} de parties (vous chargez le total)',
  // Totals beside their parts.
  'import.levels': 'Totaux reconnus',
  'import.levelsHelp':
    'Ces lignes additionnent d’autres lignes du fichier. Vigie additionne les lignes d’un indicateur dans ses graphiques : chargez le total ou les parties, jamais les deux.',
  'import.levelColumn': 'Colonne « {column} » : {totals} — {parts} autres valeurs ({rows} lignes) en sont les parties.',
  'import.levelColumn.one': 'Colonne « {column} » : {totals} — {parts} autre valeur ({rows} lignes) en est la partie.',
  'import.levelMember': '« {member} » ({n} lignes, {why})',
  'import.levelMember.one': '« {member} » ({n} ligne, {why})',
  'import.levelWhy.total': 'libellé de total',
  'import.levelWhy.canada': 'total des provinces et territoires',
  'import.levelWhy.hierarchy': 'parent dans la hiérarchie de Statistique Canada',
  'import.level.total': 'Charger le total ({members})',
  'import.level.parts': 'Charger les parties (ventilation par « {column} »)',
  'import.totalLabel': 'ligne de total',
  // Units.
  'import.units': 'Unité du fichier : {units}.',
  'import.unitScaled': 'Les valeurs sont en {unit} : Vigie les multiplie par {factor}.',
  'import.unitFromFile': 'Unité du fichier : {unit}',
  'import.problem.unit_mismatch':
    'unité « {text} » différente de celle de l’indicateur : choisissez un indicateur de cette unité, ou décrivez-en un nouveau',
  'import.problem.formula_error': 'erreur de formule Excel « {text} » à la place d’une valeur',
  // Warnings.
  'import.warnings': '{n} cellules commencent par =, +, - ou @',
  'import.warnings.one': '{n} cellule commence par =, +, - ou @',
  'import.warningsHelp':
    'Elles sont chargées comme du texte. Un tableur pourrait les prendre pour des formules : Vigie les neutralise dans chaque fichier CSV téléchargé.',
  'import.problem.formula_like': 'cellule qui ressemble à une formule « {text} »',
  'import.cellRef': 'Cellule',
  // Workbooks.
  'import.refused.zip_bomb':
    'Le classeur « {file} » occuperait une taille démesurée une fois décompressé : Vigie ne l’ouvre pas (protection contre les fichiers piégés).',
  'import.refused.unreadable':
    'Le classeur « {file} » est illisible ou endommagé. Ouvrez-le dans Excel et enregistrez-le de nouveau.',
  'import.refused.encrypted':
    'Le classeur « {file} » est protégé par un mot de passe. Enregistrez-en une copie sans mot de passe.',
  'import.refused.no_sheet': 'La feuille demandée n’existe pas dans le classeur « {file} ».',
  'import.sheet': 'Feuille',
  'import.sheetOption': '{name} ({rows} lignes × {columns} colonnes)',
  'import.sheetHidden': 'masquée',
  'import.headerRow': 'Ligne d’en-tête',
  'import.titlesLeft': 'Lignes de titre au-dessus du tableau, non importées : {list}',
  'import.footnotesLeft': 'Notes sous le tableau, non importées : {list}'
} as const;

/** The same words in English. */
export const importChecksEn: Record<keyof typeof importChecksFr, string> = {
  'import.fileOf': 'File {i} of {n}',
  'import.next': 'Next file: {name}',
  'import.constantPeriod': 'Period of every row',
  'import.constantPeriodHelp': 'The file has no period column: give it (e.g. 2024-01, 2023-2024).',
  'import.read': '{n} values read',
  'import.read.one': '{n} value read',
  'import.valid': '{n} valid',
  'import.valid.one': '{n} valid',
  'import.missing': '{n} not available (.., x, F or empty), loaded as missing',
  'import.missing.one': '{n} not available (.., x, F or empty), loaded as missing',
  'import.aside': '{n} set aside by your choices',
  'import.aside.one': '{n} set aside by your choices',
  'import.asideDetail': 'Set aside: {list}.',
  'import.aside.indicator': '{n} of indicators you do not import',
  'import.aside.total': '{n} of totals (you load the parts)',
  'import.aside.parts': '{n} of parts (you load the total)',
  'import.levels': 'Totals recognised',
  'import.levelsHelp':
    'These rows add up other rows of the file. Vigie adds up an indicator’s rows in its charts: load the total or the parts, never both.',
  'import.levelColumn': 'Column “{column}”: {totals} — {parts} other values ({rows} rows) are its parts.',
  'import.levelColumn.one': 'Column “{column}”: {totals} — {parts} other value ({rows} rows) is its part.',
  'import.levelMember': '“{member}” ({n} rows, {why})',
  'import.levelMember.one': '“{member}” ({n} row, {why})',
  'import.levelWhy.total': 'a total’s label',
  'import.levelWhy.canada': 'the total of the provinces and territories',
  'import.levelWhy.hierarchy': 'a parent in Statistics Canada’s hierarchy',
  'import.level.total': 'Load the total ({members})',
  'import.level.parts': 'Load the parts (broken down by “{column}”)',
  'import.totalLabel': 'total row',
  'import.units': 'Unit of the file: {units}.',
  'import.unitScaled': 'The values are in {unit}: Vigie multiplies them by {factor}.',
  'import.unitFromFile': 'Unit of the file: {unit}',
  'import.problem.unit_mismatch':
    'unit “{text}” differs from the indicator’s: pick an indicator in that unit, or describe a new one',
  'import.problem.formula_error': 'Excel formula error “{text}” instead of a value',
  'import.warnings': '{n} cells begin with =, +, - or @',
  'import.warnings.one': '{n} cell begins with =, +, - or @',
  'import.warningsHelp':
    'They are loaded as text. A spreadsheet could take them for formulas: Vigie neutralises them in every CSV downloaded.',
  'import.problem.formula_like': 'cell that looks like a formula “{text}”',
  'import.cellRef': 'Cell',
  'import.refused.zip_bomb':
    'The workbook “{file}” would take an outsized amount of space once decompressed: Vigie does not open it (protection against booby-trapped files).',
  'import.refused.unreadable': 'The workbook “{file}” is unreadable or damaged. Open it in Excel and save it again.',
  'import.refused.encrypted': 'The workbook “{file}” is protected by a password. Save a copy without a password.',
  'import.refused.no_sheet': 'The sheet asked for is not in the workbook “{file}”.',
  'import.sheet': 'Sheet',
  'import.sheetOption': '{name} ({rows} rows × {columns} columns)',
  'import.sheetHidden': 'hidden',
  'import.headerRow': 'Header row',
  'import.titlesLeft': 'Title rows above the table, not imported: {list}',
  'import.footnotesLeft': 'Notes below the table, not imported: {list}'
};
