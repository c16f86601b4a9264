/*
 * How the highlights name what an indicator counts, so that sentences agree in gender and number:
 * « 1 tournée à l'étranger a été soutenue », « 397 tournées à l'étranger ont été soutenues ». One entry
 * per indicator of the shipped catalogue; an indicator without one (created by an import) is named by
 * its catalogue name followed by its value (« Coût du charbon : 12 en 2024 »), which needs no agreement.
 */

/** French words of a counted indicator: its noun in the singular and the plural, and what was done. */
export interface FrCounted {
  one: string;
  other: string;
  gender: 'm' | 'f';
  /** The past participle in the masculine singular (« soutenu »), agreed by the sentence; null for a level (stock). */
  participle: string | null;
  /** Words after the participle (« pour se déplacer à l'étranger »). */
  tail?: string;
}

/** English words of a counted indicator. */
export interface EnCounted {
  one: string;
  other: string;
  /** The past participle (« supported »); null for a level (stock). */
  participle: string | null;
  tail?: string;
}

/** Words of an amount or a rate: a subject with its article and its verb, already agreed. */
export interface Measured {
  /** « l'aide financière à l'exportation et aux tournées » */
  subject: string;
  /** « s'est établie à » */
  verb: string;
}

/** The words of one indicator in both languages. */
export type Wording = { kind: 'counted'; fr: FrCounted; en: EnCounted } | { kind: 'measured'; fr: Measured; en: Measured };

const counted = (fr: FrCounted, en: EnCounted): Wording => ({ kind: 'counted', fr, en });
const measured = (fr: Measured, en: Measured): Wording => ({ kind: 'measured', fr, en });

const LEXICON: Record<string, Wording> = {
  tournees_soutenues: counted(
    { one: "tournée à l'étranger", other: "tournées à l'étranger", gender: 'f', participle: 'soutenu' },
    { one: 'tour abroad', other: 'tours abroad', participle: 'supported' }
  ),
  aide_exportation: measured(
    { subject: "l'aide financière à l'exportation et aux tournées", verb: "s'est établie à" },
    { subject: 'financial support for export and touring', verb: 'amounted to' }
  ),
  taux_autofinancement: measured(
    { subject: "le taux d'autofinancement des tournées", verb: "s'est établi à" },
    { subject: 'the tour self-financing rate', verb: 'stood at' }
  ),
  artistes_mobilite: counted(
    {
      one: 'artiste ou travailleur culturel',
      other: 'artistes et travailleurs culturels',
      gender: 'm',
      participle: 'soutenu',
      tail: "pour se déplacer à l'étranger"
    },
    { one: 'artist or cultural worker', other: 'artists and cultural workers', participle: 'supported', tail: 'to travel abroad' }
  ),
  organismes_mobilite: counted(
    {
      one: 'organisme culturel',
      other: 'organismes culturels',
      gender: 'm',
      participle: 'soutenu',
      tail: "pour se déplacer à l'étranger"
    },
    { one: 'cultural organisation', other: 'cultural organisations', participle: 'supported', tail: 'to travel abroad' }
  ),
  coproductions_soutenues: counted(
    { one: 'coproduction internationale', other: 'coproductions internationales', gender: 'f', participle: 'soutenu' },
    { one: 'international coproduction', other: 'international coproductions', participle: 'supported' }
  ),
  budget_coproductions: measured(
    { subject: 'le soutien financier aux coproductions internationales', verb: "s'est établi à" },
    { subject: 'financial support for international coproductions', verb: 'amounted to' }
  ),
  ententes_nouvelles: counted(
    {
      one: 'nouvel engagement international en culture',
      other: 'nouveaux engagements internationaux en culture',
      gender: 'm',
      participle: 'signé'
    },
    { one: 'new international cultural commitment', other: 'new international cultural commitments', participle: 'signed' }
  ),
  ententes_en_vigueur: counted(
    {
      one: 'engagement international en culture en vigueur',
      other: 'engagements internationaux en culture en vigueur',
      gender: 'm',
      participle: null
    },
    { one: 'international cultural commitment in force', other: 'international cultural commitments in force', participle: null }
  ),
  vitrines_etranger: counted(
    {
      one: "vitrine ou marché à l'étranger avec participation québécoise",
      other: "vitrines et marchés à l'étranger avec participation québécoise",
      gender: 'f',
      participle: null
    },
    {
      one: 'showcase or market abroad with Québec participation',
      other: 'showcases and markets abroad with Québec participation',
      participle: null
    }
  ),
  bureaux_etranger: counted(
    {
      one: "représentation du Québec à l'étranger",
      other: "représentations du Québec à l'étranger",
      gender: 'f',
      participle: null
    },
    { one: 'Québec office abroad', other: 'Québec offices abroad', participle: null }
  ),
  bureaux_pays: counted(
    {
      one: 'pays comptant une représentation du Québec',
      other: 'pays comptant une représentation du Québec',
      gender: 'm',
      participle: null
    },
    { one: 'country with a Québec office', other: 'countries with a Québec office', participle: null }
  ),
  services_bureaux: counted(
    {
      one: 'service aux organismes culturels',
      other: 'services aux organismes culturels',
      gender: 'm',
      participle: 'rendu',
      tail: "par les représentations à l'étranger"
    },
    {
      one: 'service to cultural organisations',
      other: 'services to cultural organisations',
      participle: 'provided',
      tail: 'by the offices abroad'
    }
  ),
  projets_francophonie: counted(
    {
      one: 'projet en Francophonie et diversité des expressions culturelles',
      other: 'projets en Francophonie et diversité des expressions culturelles',
      gender: 'm',
      participle: 'soutenu'
    },
    {
      one: 'Francophonie and cultural diversity project',
      other: 'Francophonie and cultural diversity projects',
      participle: 'supported'
    }
  ),
  visibilite_numerique: counted(
    {
      one: 'initiative de découvrabilité numérique',
      other: 'initiatives de découvrabilité numérique',
      gender: 'f',
      participle: 'soutenu'
    },
    { one: 'digital discoverability initiative', other: 'digital discoverability initiatives', participle: 'supported' }
  )
};

/** The words of an indicator, or null when the catalogue's name must do. */
export function wordingOf(indicatorId: string): Wording | null {
  return LEXICON[indicatorId] ?? null;
}
