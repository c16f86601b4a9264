// Writes the Statistics Canada test fixtures that are not downloads (see tests/fixtures/README.md):
//  - statcan_25-10-0017-01_fr.csv: the real English table 25-10-0017-01 laid out as Statistics Canada's
//    French full-table CSV (";" separated, French headers, members, units and scale words);
//  - statcan_culture_en.csv / statcan_culture_fr.csv: a table in thousands of dollars with Canada and its
//    provinces and territories, whose provinces add up to Canada, in both languages.
// Run: node scripts/make-statcan-fixtures.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';

const dir = new URL('../tests/fixtures/', import.meta.url);

const HEADER_FR = {
  REF_DATE: 'PÉRIODE DE RÉFÉRENCE',
  GEO: 'GÉO',
  DGUID: 'DGUID',
  UOM: 'UNITÉ DE MESURE',
  UOM_ID: "IDENTIFICATEUR D'UNITÉ DE MESURE",
  SCALAR_FACTOR: 'FACTEUR SCALAIRE',
  SCALAR_ID: 'IDENTIFICATEUR SCALAIRE',
  VECTOR: 'VECTEUR',
  COORDINATE: 'COORDONNÉES',
  VALUE: 'VALEUR',
  STATUS: 'STATUT',
  SYMBOL: 'SYMBOLE',
  TERMINATED: 'TERMINÉ',
  DECIMALS: 'DÉCIMALES',
  'Fuel consumed for electric power generation': "Combustible consommé pour la production d'énergie électrique",
  'Culture and sport domains': 'Domaines de la culture et du sport'
};
const GEO_FR = {
  Canada: 'Canada',
  'Newfoundland and Labrador': 'Terre-Neuve-et-Labrador',
  'Prince Edward Island': 'Île-du-Prince-Édouard',
  'Nova Scotia': 'Nouvelle-Écosse',
  'New Brunswick': 'Nouveau-Brunswick',
  Quebec: 'Québec',
  Ontario: 'Ontario',
  Manitoba: 'Manitoba',
  Saskatchewan: 'Saskatchewan',
  Alberta: 'Alberta',
  'British Columbia': 'Colombie-Britannique',
  Yukon: 'Yukon',
  'Northwest Territories': 'Territoires du Nord-Ouest',
  Nunavut: 'Nunavut'
};
const MEMBER_FR = {
  'Total coal': 'Charbon total',
  'Natural gas': 'Gaz naturel',
  Methane: 'Méthane',
  Diesel: 'Diesel',
  'Light fuel oil': 'Mazout léger',
  'Total heavy fuel oil': 'Mazout lourd total',
  'Total petroleum products': 'Total des produits pétroliers',
  Uranium: 'Uranium',
  Wood: 'Bois',
  Propane: 'Propane',
  'Live performance': 'Arts de la scène'
};
const UOM_FR = {
  'Metric tonnes': 'Tonnes métriques',
  Kilolitres: 'Kilolitres',
  'Cubic metres': 'Mètres cubes',
  Dollars: 'Dollars'
};
const SCALE_FR = { 'units ': 'unités ', thousands: 'milliers' };

/** A table's rows in French: headers, members, units and scale words, `;` and decimal commas. */
function toFrench(rows) {
  const [header, ...body] = rows;
  const at = (name) => header.indexOf(name);
  const out = body.map((r) => {
    const c = [...r];
    c[at('GEO')] = GEO_FR[c[at('GEO')]] ?? c[at('GEO')];
    c[3] = MEMBER_FR[c[3]] ?? c[3];
    c[at('UOM')] = UOM_FR[c[at('UOM')]] ?? c[at('UOM')];
    c[at('SCALAR_FACTOR')] = SCALE_FR[c[at('SCALAR_FACTOR')]] ?? c[at('SCALAR_FACTOR')];
    c[at('VALUE')] = c[at('VALUE')].replace('.', ',');
    return c;
  });
  const csv = Papa.unparse(
    { fields: header.map((h) => HEADER_FR[h] ?? h), data: out },
    { delimiter: ';', quotes: true, newline: '\r\n' }
  );
  return '\ufeff' + csv + '\r\n';
}

// 1. The real fuel table, in French.
const english = Papa.parse(readFileSync(new URL('statcan_25-10-0017-01.csv', dir), 'utf8').replace(/^\ufeff/, ''), {
  skipEmptyLines: true
}).data;
writeFileSync(new URL('statcan_25-10-0017-01_fr.csv', dir), toFrench(english));

// 2. Live performance GDP in thousands of dollars; the provinces and territories add up to Canada, so a
// load that counted Canada with its parts would show twice the national figure (1 435 532 for 2018).
const provinces = {
  'Newfoundland and Labrador': [4800, 4900, 5000, 5200],
  'Prince Edward Island': [1900, 2000, 2100, 2200],
  'Nova Scotia': [13100, 13600, 14000, 14500],
  'New Brunswick': [8000, 8300, 8600, 8900],
  Quebec: [190200, 195800, 201500, 208300],
  Ontario: [291000, 300400, 310200, 321700],
  Manitoba: [15700, 16200, 16800, 17300],
  Saskatchewan: [8800, 9100, 9400, 9700],
  Alberta: [55100, 56700, 58300, 59900],
  'British Columbia': [83300, 86100, 89100, 92400],
  Yukon: [1200, 1300, 1400, 1500],
  'Northwest Territories': [700, 730, 766, 800],
  Nunavut: [null, 560, 600, 640]
};
const years = ['2016', '2017', '2018', '2019'];
const dguid = (geo, i) => (geo === 'Canada' ? '2016A000011124' : `2016A0002${String(10 + i)}`);
const header = [
  'REF_DATE',
  'GEO',
  'DGUID',
  'Culture and sport domains',
  'UOM',
  'UOM_ID',
  'SCALAR_FACTOR',
  'SCALAR_ID',
  'VECTOR',
  'COORDINATE',
  'VALUE',
  'STATUS',
  'SYMBOL',
  'TERMINATED',
  'DECIMALS'
];
const rows = [];
const geos = ['Canada', ...Object.keys(provinces)];
geos.forEach((geo, g) => {
  years.forEach((year, y) => {
    const value =
      geo === 'Canada' ? Object.values(provinces).reduce((s, v) => s + (v[y] ?? 0), 0) + (y === 0 ? 520 : 0) : provinces[geo][y];
    rows.push([
      year,
      geo,
      dguid(geo, g),
      'Live performance',
      'Dollars',
      '81',
      'thousands',
      '3',
      `v6500${100 + g}`,
      `${g + 1}.1`,
      value === null ? '' : String(value),
      value === null ? 'x' : '',
      '',
      '',
      '0'
    ]);
  });
});
const en = Papa.unparse({ fields: header, data: rows }, { quotes: true, newline: '\r\n' });
writeFileSync(new URL('statcan_culture_en.csv', dir), '\ufeff' + en + '\r\n');
writeFileSync(new URL('statcan_culture_fr.csv', dir), toFrench([header, ...rows]));
