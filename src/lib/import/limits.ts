/**
 * The largest file Vigie imports: 256 MiB. A 1 M-row indicator file is about 40 MB; past this size a
 * browser tab's memory (the file, DuckDB's copy and the wasm heap) is at risk, so we refuse with a
 * message that says the limit rather than crash. The server applies the same limit (docs/data-format.md).
 */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/** How much of a file is read to detect its encoding, delimiter, header and layout. */
export const SNIFF_BYTES = 64 * 1024;

/** How many rows the mapping step shows. */
export const PREVIEW_ROWS = 12;

/** How many problems are listed one by one; beyond this they are counted by kind. */
export const MAX_LISTED_ISSUES = 500;
