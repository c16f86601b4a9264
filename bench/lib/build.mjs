// Builds the app for the bench, or reuses a build newer than every source (the e2e suite's rule).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** Whether `root/dir/index.js` is newer than src/ and the build configuration. */
export function buildIsFresh(root, dir) {
  const entry = join(root, dir, 'index.js');
  if (!existsSync(entry)) return false;
  const sources = Math.max(
    newest(join(root, 'src')),
    ...['svelte.config.js', 'vite.config.ts', 'package.json'].map((f) =>
      existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0
    )
  );
  return statSync(entry).mtimeMs > sources;
}

/** Runs `npm run build` into `dir` (VIGIE_BUILD_DIR), echoing nothing unless it fails. */
export function build(root, dir) {
  return new Promise((done, fail) => {
    const child = spawn('npm', ['run', 'build'], {
      cwd: root,
      env: { ...process.env, VIGIE_BUILD_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`npm run build exited with ${code}:\n${output.slice(-4000)}`))
    );
  });
}
