/** Words of signing in through the organisation's OpenID Connect provider (Microsoft Entra ID or another). */
export const signinFr = {
  'signin.provider': 'Avec le compte de votre organisation',
  'signin.providerButton': 'Se connecter avec {provider}',
  'signin.local': 'Avec un compte local de Vigie',
  'signin.refused.state':
    'Connexion refusée : la réponse du fournisseur d’identité ne correspond pas à la demande faite (paramètre « state »). Recommencez.',
  'signin.refused.nonce':
    'Connexion refusée : le jeton d’identité ne correspond pas à la demande faite (« nonce »). Recommencez.',
  'signin.refused.issuer': 'Connexion refusée : la réponse ne vient pas du fournisseur d’identité configuré (« iss »).',
  'signin.refused.role':
    'Connexion refusée : votre compte n’est dans aucun des groupes qui donnent accès à Vigie. Demandez l’accès à l’administrateur.',
  'signin.refused.provider':
    'Connexion refusée par le fournisseur d’identité, ou sa réponse n’a pas pu être vérifiée. Recommencez.',
  'signin.refused.expired': 'La connexion a pris plus de dix minutes ou a été faite dans un autre onglet. Recommencez.'
} as const;

export const signinEn: Record<keyof typeof signinFr, string> = {
  'signin.provider': 'With your organisation’s account',
  'signin.providerButton': 'Sign in with {provider}',
  'signin.local': 'With a local Vigie account',
  'signin.refused.state':
    'Sign-in refused: the identity provider’s answer does not match the request made (“state” parameter). Try again.',
  'signin.refused.nonce': 'Sign-in refused: the ID token does not match the request made (“nonce”). Try again.',
  'signin.refused.issuer': 'Sign-in refused: the answer does not come from the configured identity provider (“iss”).',
  'signin.refused.role':
    'Sign-in refused: your account is in none of the groups that give access to Vigie. Ask the administrator for access.',
  'signin.refused.provider': 'Sign-in refused by the identity provider, or its answer could not be verified. Try again.',
  'signin.refused.expired': 'Signing in took more than ten minutes or was done in another tab. Try again.'
};
