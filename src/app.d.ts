import type { Lang } from '$lib/i18n/dict';
import type { SessionUser } from '$lib/publishing/types';

declare global {
  namespace App {
    interface Locals {
      /** The interface language chosen for this request. */
      lang: Lang;
      /** The signed-in account (from the session cookie), or null. */
      user: SessionUser | null;
    }
    interface PageState {
      /** The query a filter change wrote with shallow routing (see `currentUrl` in state/navigate.svelte.ts). */
      search?: string;
    }
  }
}

export {};
