import type { Lang } from '$lib/i18n/dict';

declare global {
  namespace App {
    interface Locals {
      /** The interface language chosen for this request. */
      lang: Lang;
    }
  }
}

export {};
