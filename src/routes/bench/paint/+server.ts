import { requireBench } from '$lib/server/bench';
import type { RequestHandler } from './$types';

// The floor of "first chart painted" for `npm run bench`: the smallest page this server can send with
// one chart-like SVG, no stylesheet and no script. Not linked from the app.
const HTML = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Bench · paint — Vigie</title><meta name="robots" content="noindex"></head>
<body><svg role="img" aria-label="floor" width="320" height="190" viewBox="0 0 320 190"><rect x="10" y="40" width="40" height="140" fill="#0072b2"/><rect x="60" y="80" width="40" height="100" fill="#0072b2"/></svg></body></html>`;

export const GET: RequestHandler = () => {
  requireBench();
  return new Response(HTML, { headers: { 'content-type': 'text/html; charset=utf-8' } });
};
