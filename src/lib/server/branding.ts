import { env } from '$env/dynamic/private';

/** The ministry named in the PIV header and footer when VIGIE_MINISTRY is not set. */
export const DEFAULT_MINISTRY = 'Ministère de la Culture et des Communications';

/** The ministry in charge of this Vigie, from VIGIE_MINISTRY (each installation names its own). */
export function ministryName(): string {
  return env.VIGIE_MINISTRY?.trim() || DEFAULT_MINISTRY;
}
