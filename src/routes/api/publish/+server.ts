import { error, json } from '@sveltejs/kit';
import { MAX_IMPORT_BYTES } from '$lib/import/limits';
import { workbookKind } from '$lib/import/workbook-kind';
import { clientAddress, requireRole } from '$lib/server/auth';
import { cleanFileName, parseDecisions, publishImport } from '$lib/server/publish';
import type { RequestHandler } from './$types';

/** Room for the form's other fields and multipart boundaries, beyond the file itself. */
const FORM_OVERHEAD = 1024 * 1024;

/** Content types a CSV or a workbook can arrive with (Windows says Excel for .csv); anything else named is refused. */
const CSV_TYPES = [
  '',
  'text/csv',
  'text/plain',
  'text/tab-separated-values',
  'application/csv',
  'application/vnd.ms-excel',
  'application/octet-stream'
];

/** Workbook content types: the server reads their sheet with the same code as the browser. */
const WORKBOOK_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet'
];

/**
 * Publishes an imported file as a new version of a dataset (editors). A multipart form: `file` (the
 * CSV as the editor picked it) and `decisions` (JSON: dataset, mode, dialect, mapping, indicatorMap,
 * described, expectAccepted). The server reads and validates the file again itself.
 */
export const POST: RequestHandler = async (event) => {
  const user = requireRole(event, 'editor');
  const { request } = event;
  const length = Number(request.headers.get('content-length') ?? NaN);
  if (length > MAX_IMPORT_BYTES + FORM_OVERHEAD) error(413, 'File too large');
  if (!(request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) error(415, 'Send a multipart form');
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    error(400, 'Unreadable form');
  }
  const file = form.get('file');
  if (!(file instanceof File)) error(400, 'No file');
  if (file.size > MAX_IMPORT_BYTES) error(413, 'File too large');
  const type = file.type.split(';')[0]!.trim().toLowerCase();
  const workbookType = WORKBOOK_TYPES.includes(type);
  if (!workbookType && !CSV_TYPES.includes(type)) error(415, 'Not a CSV file or a workbook');
  const bytes = new Uint8Array(await file.arrayBuffer());
  // A file sent as a workbook must be one (a renamed CSV or image is refused, not guessed at).
  if (workbookType && !workbookKind(bytes)) error(415, 'Not a workbook');
  const fileName = cleanFileName(file.name);
  let raw: unknown;
  try {
    raw = JSON.parse(String(form.get('decisions') ?? '{}'));
  } catch {
    error(400, 'Unreadable decisions');
  }
  const decisions = parseDecisions(raw, fileName);
  if (!decisions) error(400, 'Malformed decisions');
  const outcome = await publishImport(user, fileName, bytes, decisions, clientAddress(event));
  if (!outcome.ok) return json({ ok: false, code: outcome.code, detail: outcome.detail ?? null }, { status: outcome.status });
  return json({
    ok: true,
    dataset: outcome.dataset,
    version: outcome.record.version,
    rows: outcome.rows,
    accepted: outcome.accepted,
    rejected: outcome.rejected,
    catalogueVersion: outcome.catalogue?.version ?? null
  });
};
