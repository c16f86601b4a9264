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

/** Runs a command in `root`, echoing nothing unless it fails. */
function run(root, command, args, env = process.env) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`))
    );
  });
}

/**
 * Runs `npm run build` into `dir` (VIGIE_BUILD_DIR). SvelteKit's generated files first: tsconfig.json
 * extends .svelte-kit/tsconfig.json, which a fresh clone does not have yet.
 */
export async function build(root, dir) {
  await run(root, 'npx', ['svelte-kit', 'sync']);
  await run(root, 'npm', ['run', 'build'], { ...process.env, VIGIE_BUILD_DIR: dir });
}
