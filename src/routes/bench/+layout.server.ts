import { requireBench } from '$lib/server/bench';
import type { LayoutServerLoad } from './$types';

// The bench's pages are measurement floors, not product: only a server started by `npm run bench`.
export const load: LayoutServerLoad = () => requireBench();
