import { pageLoad } from '$lib/server/page-model';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad('overview');
