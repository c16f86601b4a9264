/** Bytes of the kinds of files managers really have, written out so each test shows what it feeds. */

const CP1252_EXTRA: Record<string, number> = {
  '€': 0x80,
  '’': 0x92,
  '‘': 0x91,
  '“': 0x93,
  '”': 0x94,
  œ: 0x9c,
  Œ: 0x8c,
  '–': 0x96,
  '—': 0x97
};

/** Encodes text as Windows-1252, as French Excel saves "CSV (séparateur : point-virgule)". */
export function windows1252(text: string): Uint8Array {
  return Uint8Array.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (CP1252_EXTRA[ch] !== undefined) return CP1252_EXTRA[ch]!;
      if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
      throw new Error(`not in Windows-1252: ${ch}`);
    })
  );
}

/** UTF-8 bytes, with a byte-order mark when asked. */
export function utf8(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  return bom ? Uint8Array.from([0xef, 0xbb, 0xbf, ...body]) : body;
}

const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';

/** The canonical long format of docs/data-format.md. */
export const canonical = `indicator_id,period,value,region,country,discipline,program,note,source
tournees_soutenues,2026-2027,120,Europe,FRA,Musique,Soutien aux tournées,,Rapport annuel 2026-2027
tournees_soutenues,2026-2027,40,États-Unis,USA,Danse,Exportation,,Rapport annuel 2026-2027
aide_exportation,2026-2027,1500000.5,Europe,,Musique,Exportation,,Rapport annuel 2026-2027
`;

/** A French Excel export: Windows-1252, `;`, decimal comma, spaced thousands, `$` after, CRLF. */
export const frenchExcel = windows1252(
  crlf([
    'Indicateur;Période;Valeur;Région;Discipline;Remarque',
    'Aide financière à l’exportation et aux tournées;2026-2027;1 234 567,5 $;Europe;Théâtre;Œuvre « phare »',
    'Aide financière à l’exportation et aux tournées;2027-2028;2\u00a0000\u00a0000 $;Europe;Théâtre;',
    'Tournées à l’étranger soutenues;2026-2027;45;Amérique latine;Arts du cirque;'
  ])
);

/** UTF-8 with BOM, `|` delimiter, quoted fields holding the delimiter, quotes and a newline. */
export const quotedPipes = utf8(
  'indicator_id|period|value|note\n' +
    'vitrines_etranger|2026-Q1|12|"Foire | marché ""Mundial"""\n' +
    'vitrines_etranger|2026-Q2|14|"deux\nlignes"\n' +
    'vitrines_etranger|2026-07|5\u202f000|\n',
  true
);

/** A tab-separated export. */
export const tabs = utf8('indicator_id\tperiod\tvalue\nvisibilite_numerique\t2026-2027\t95\n');

/** One row per indicator and region, one column per period. */
export const wide = utf8(
  'Indicateur,Région,2016-2017,2018,2019-Q1\n' +
    'Tournées à l’étranger soutenues,Europe,150,160,40\n' +
    'Vitrines et marchés à l’étranger avec participation québécoise,Europe,30,,x\n'
);

/** Broken files, each with the problem it illustrates. */
export const broken = {
  empty: utf8(''),
  headerOnly: utf8('indicator_id,period,value\n'),
  unclosedQuote: utf8(
    'indicator_id,period,value,note\ntournees_soutenues,2026-2027,10,ok\ntournees_soutenues,2027-2028,11,"jamais fermé\n'
  ),
  ragged: utf8('indicator_id,period,value\ntournees_soutenues,2026-2027,10\ntournees_soutenues,2027-2028\n'),
  tooLong: utf8('indicator_id,period,value\ntournees_soutenues,2026-2027,10\ntournees_soutenues,2027-2028,7,Europe,extra\n'),
  binary: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]),
  notANumber: utf8('indicator_id,period,value\ntournees_soutenues,2026-2027,beaucoup\n'),
  badPeriod: utf8('indicator_id,period,value\ntournees_soutenues,2026-2028,10\ntournees_soutenues,FY27,10\n'),
  negativeCount: utf8('indicator_id,period,value\ntournees_soutenues,2026-2027,-3\n'),
  duplicate: utf8(
    'indicator_id,period,value,region\ntournees_soutenues,2026-2027,3,Europe\ntournees_soutenues,2026-2027,4,Europe\n'
  ),
  unknownIndicator: utf8('indicator_id,period,value\nspectacles_virtuels,2026-2027,3\n'),
  againstLoaded: utf8('indicator_id,period,value\nbureaux_etranger,2024,36\nbureaux_etranger,2025,36\n')
};
