import { localDay } from '$lib/charts/export/caption';
import { pageLoad } from '$lib/server/page-model';
import type { PageServerLoad } from './$types';

const report = pageLoad('report');

export const load: PageServerLoad = async (event) => ({ ...(await report(event)), today: localDay(new Date()) });
