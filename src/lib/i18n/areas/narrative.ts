/** Words around the written highlights, the projection and the Word and PowerPoint exports. */
export const narrativeFr = {
  'highlights.title': 'Faits saillants',
  'highlights.copy': 'Copier le texte',
  'highlights.copyOf': 'Copier le texte des faits saillants : {title}',
  'highlights.copied': 'Texte copié dans le presse-papiers.',
  'highlights.copyFailed': 'Ce navigateur ne permet pas de copier : sélectionnez le texte.',
  'projection.label': 'Projection',
  'export.docx': 'Document Word (.docx)',
  'export.pptx': 'Présentation PowerPoint (.pptx)',
  'report.exports': 'Enregistrer le rapport',
  'report.word': 'Word (.docx)',
  'report.powerpoint': 'PowerPoint (.pptx)',
  'report.paper': 'Format du papier (Word)',
  'report.letter': 'Lettre',
  'report.a4': 'A4',
  'office.keyFigures': 'Chiffres clés'
} as const;

/** The same words in English. */
export const narrativeEn: Record<keyof typeof narrativeFr, string> = {
  'highlights.title': 'Highlights',
  'highlights.copy': 'Copy the text',
  'highlights.copyOf': 'Copy the text of the highlights: {title}',
  'highlights.copied': 'Text copied to the clipboard.',
  'highlights.copyFailed': 'This browser cannot copy: select the text.',
  'projection.label': 'Projection',
  'export.docx': 'Word document (.docx)',
  'export.pptx': 'PowerPoint presentation (.pptx)',
  'report.exports': 'Save the report',
  'report.word': 'Word (.docx)',
  'report.powerpoint': 'PowerPoint (.pptx)',
  'report.paper': 'Paper size (Word)',
  'report.letter': 'Letter',
  'report.a4': 'A4',
  'office.keyFigures': 'Key figures'
};
