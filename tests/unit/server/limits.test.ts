import { expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '$lib/import/limits';
import { BODY_LIMIT } from '../../../scripts/start.mjs';

it('npm start lets through a request as large as the largest importable file, plus the form', () => {
  expect(BODY_LIMIT).toBe(MAX_IMPORT_BYTES + 1024 * 1024);
});
