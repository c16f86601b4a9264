/** Words of a service that keeps up: a store that cannot be written, datasets left out, sign-in waits. */
export const trustFr = {
  'store.read_only':
    'Le serveur ne peut rien enregistrer : son dossier de stockage lui est en lecture seule. Prévenez l’administrateur.',
  'store.full': 'Le serveur ne peut rien enregistrer : son dossier de stockage est plein. Prévenez l’administrateur.',
  'store.unreadable': 'Le serveur ne peut pas lire son dossier de stockage (permissions). Prévenez l’administrateur.',
  'auth.limitedSeconds': 'Trop de tentatives infructueuses. Réessayez dans {seconds} s.',
  'damage.title': 'Jeux de données écartés',
  'damage.intro':
    'Ces jeux de données ne peuvent pas être lus tels qu’ils sont enregistrés : ils sont laissés de côté, et tout le reste est affiché.',
  'damage.code.manifest': 'la liste de ses versions est endommagée',
  'damage.code.corrupt': 'son contenu ne correspond plus à son empreinte (SHA-256)',
  'damage.code.missing': 'son contenu est introuvable',
  'damage.code.unreadable': 'son fichier ne peut pas être lu',
  'damage.code.header': 'son en-tête ne nomme pas les colonnes attendues',
  'damage.code.malformed': 'le lecteur CSV le refuse',
  'damage.item': '{name} : {reason}.',
  'damage.restore': 'Une personne en édition peut en restaurer une bonne version dans l’Historique.',
  'damage.history': 'Voir ses versions',
  'damage.shipped': 'C’est le fichier livré avec l’application : l’administrateur doit le remplacer dans le dossier des données.',
  'history.damaged': 'Écarté : {reason}.',
  'history.damagedHint': 'Restaurez une version ci-dessous pour le rétablir.',
  'history.error.corrupt': 'Le contenu de cette version est endommagé : choisissez-en une autre.',
  'history.error.store':
    'Le serveur ne peut rien enregistrer : son dossier de stockage refuse l’écriture. Prévenez l’administrateur.',
  'admin.error.store':
    'Le serveur ne peut rien enregistrer : son dossier de stockage refuse l’écriture. Prévenez l’administrateur.'
} as const;

/** The same words in English. */
export const trustEn: Record<keyof typeof trustFr, string> = {
  'store.read_only': 'The server cannot save anything: its store folder is read-only for it. Tell the administrator.',
  'store.full': 'The server cannot save anything: its store folder is full. Tell the administrator.',
  'store.unreadable': 'The server cannot read its store folder (permissions). Tell the administrator.',
  'auth.limitedSeconds': 'Too many failed attempts. Try again in {seconds} s.',
  'damage.title': 'Datasets left out',
  'damage.intro': 'These datasets cannot be read as they are stored: they are left out, and everything else is shown.',
  'damage.code.manifest': 'the list of its versions is damaged',
  'damage.code.corrupt': 'its content no longer matches its fingerprint (SHA-256)',
  'damage.code.missing': 'its content cannot be found',
  'damage.code.unreadable': 'its file cannot be read',
  'damage.code.header': 'its header does not name the expected columns',
  'damage.code.malformed': 'the CSV reader refuses it',
  'damage.item': '{name}: {reason}.',
  'damage.restore': 'An editor can restore a good version of it in the History.',
  'damage.history': 'See its versions',
  'damage.shipped': 'This is the file shipped with the application: the administrator must replace it in the data folder.',
  'history.damaged': 'Left out: {reason}.',
  'history.damagedHint': 'Restore a version below to bring it back.',
  'history.error.corrupt': 'This version’s content is damaged: choose another.',
  'history.error.store': 'The server cannot save anything: its store folder refuses writes. Tell the administrator.',
  'admin.error.store': 'The server cannot save anything: its store folder refuses writes. Tell the administrator.'
};
