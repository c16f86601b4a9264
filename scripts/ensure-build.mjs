// Runs before `npm start`: builds the app when there is no build yet or when the sources are newer,
// so that `npm install && npm start` works on a fresh clone with nothing else to run.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = existsSync('build/index.js') ? statSync('build/index.js').mtimeMs : 0;
const sources = Math.max(newest('src'), statSync('package.json').mtimeMs, statSync('svelte.config.js').mtimeMs);
if (built < sources) {
  console.log(built ? 'Sources changed since the last build: building…' : 'No build yet: building (about 2 minutes)…');
  execSync('npm run build', { stdio: 'inherit' });
}
