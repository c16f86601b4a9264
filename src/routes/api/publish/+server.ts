import { error, json } from '@sveltejs/kit';
import { workbookKind } from '$lib/import/workbook-kind';
import { clientAddress, requireRole } from '$lib/server/auth';
import { cleanFileName, parseDecisions, publishImport } from '$lib/server/publish';
import { unlessUnwritable } from '$lib/server/http';
import { services } from '$lib/server/services';
import { discard, receiveUpload, uploadHead, UploadError, type Upload } from '$lib/server/upload';
import type { RequestHandler } from './$types';

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
 * How much of a file sent as a workbook is read to tell it is one: its first entries name its kind, and
 * a workbook this small is whole, its directory included.
 */
const WORKBOOK_HEAD_BYTES = 4 * 1024 * 1024;

const MESSAGES: Record<UploadError['code'], string> = {
  too_large: 'File too large',
  no_file: 'No file',
  unreadable: 'Unreadable form',
  not_multipart: 'Send a multipart form'
};

/**
 * Publishes an imported file as a new version of a dataset (editors). A multipart form: `file` (the
 * file as the editor picked it) and `decisions` (JSON: dataset, mode, dialect, mapping, indicatorMap,
 * described, expectAccepted). The file streams to a temporary file of the store (the server hook let
 * this route alone take a large body, and only from an editor); the server reads and validates it
 * again itself, in a worker thread.
 */
export const POST: RequestHandler = (event) =>
  unlessUnwritable(async () => {
    const user = requireRole(event, 'editor');
    let upload: Upload;
    try {
      upload = await receiveUpload(event.request, services().root);
    } catch (err) {
      if (err instanceof UploadError)
        return json({ ok: false, code: err.code, message: MESSAGES[err.code] }, { status: err.status });
      throw err;
    }
    try {
      const type = upload.type.split(';')[0]!.trim().toLowerCase();
      const workbookType = WORKBOOK_TYPES.includes(type);
      if (!workbookType && !CSV_TYPES.includes(type)) error(415, 'Not a CSV file or a workbook');
      // A file sent as a workbook must be one (a renamed CSV or image is refused, not guessed at).
      if (workbookType && !workbookKind(await uploadHead(upload, WORKBOOK_HEAD_BYTES))) error(415, 'Not a workbook');
      const fileName = cleanFileName(upload.fileName);
      let raw: unknown;
      try {
        raw = JSON.parse(upload.decisions ?? '{}');
      } catch {
        error(400, 'Unreadable decisions');
      }
      const decisions = parseDecisions(raw, fileName);
      if (!decisions) error(400, 'Malformed decisions');
      const outcome = await publishImport(user, fileName, upload.path, decisions, clientAddress(event));
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
    } finally {
      await discard(upload);
    }
  });
