import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startProvider } from './oidc';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** An editor account of the server under test (tests/e2e/publishing.test.ts). */
    editor: { name: string; password: string };
    /** An administrator account (tests/e2e/a11y.test.ts checks the accounts page). */
    admin: { name: string; password: string };
    /** The OpenID Connect provider the server signs people in with (tests/e2e/oidc.test.ts). */
    oidc: { issuer: string; label: string };
  }
}

/** The accounts created before the server starts, in the run's own store folder. */
const EDITOR = { name: 'editeur', password: 'mot-de-passe-e2e' };
const ADMIN = { name: 'gestionnaire', password: 'mot-de-passe-admin-e2e' };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The build tested: `build/`, or `VIGIE_BUILD_DIR` (see svelte.config.js). */
const buildDir = process.env.VIGIE_BUILD_DIR ?? 'build';

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** The build is up to date when its server entry is newer than every source file. */
function buildIsFresh(): boolean {
  const entry = join(root, buildDir, 'index.js');
  if (!existsSync(entry)) return false;
  const sources = Math.max(
    newest(join(root, 'src')),
    ...['svelte.config.js', 'vite.config.ts'].map((f) => (existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0))
  );
  return statSync(entry).mtimeMs > sources;
}

/** Runs a command in the repository, keeping its output to show only if it fails. */
function run(command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}, input?: string): Promise<void> {
  return new Promise((done, fail) => {
    // Vitest sets NODE_ENV=test, which would make Vite resolve the libraries' development builds.
    const env = { ...process.env, NODE_ENV: 'production', ...extraEnv };
    const child = spawn(command, args, { cwd: root, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    child.stdin?.end(input);
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (code) => {
      if (code === 0) return done();
      console.error(output);
      fail(new Error(`${command} ${args.join(' ')} exited with code ${code}`));
    });
  });
}

/** A port free on 127.0.0.1 now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Waits until the server answers 200 on `/`, or fails when it exits or takes too long. */
async function waitForServer(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`node build exited (${server.exitCode}):\n${log()}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`node build did not answer 200 on ${url} within 60 s:\n${log()}`);
}

export default async function setup({ provide }: TestProject) {
  if (process.env.VIGIE_SKIP_BUILD !== '1' && !buildIsFresh()) {
    await run('npm', ['run', 'build']);
  }
  if (!existsSync(join(root, buildDir, 'index.js'))) throw new Error(`${buildDir}/index.js is missing: run npm run build`);

  // The run's own store folder (published versions, accounts), with an editor and an administrator made by the
  // command line a manager would use: every run starts from the shipped data.
  const store = mkdtempSync(join(tmpdir(), 'vigie-e2e-store-'));
  await run(
    process.execPath,
    ['scripts/user.mjs', 'add', EDITOR.name, '--role', 'editor', '--password-stdin'],
    { VIGIE_STORE_DIR: store },
    EDITOR.password
  );
  await run(
    process.execPath,
    ['scripts/user.mjs', 'add', ADMIN.name, '--role', 'admin', '--password-stdin'],
    { VIGIE_STORE_DIR: store },
    ADMIN.password
  );
  provide('editor', EDITOR);
  provide('admin', ADMIN);

  const port = await freePort();
  // A real OpenID Connect provider on loopback, which the server is configured to sign people in with.
  const oidc = await startProvider(`http://127.0.0.1:${port}`, await freePort());
  provide('oidc', { issuer: oidc.issuer, label: oidc.env.VIGIE_OIDC_LABEL! });
  const server = spawn(process.execPath, [buildDir], {
    cwd: root,
    // ORIGIN: adapter-node would otherwise take requests for HTTPS, and SvelteKit refuse forms as cross-site.
    env: {
      ...process.env,
      NODE_ENV: 'production',
      VIGIE_STORE_DIR: store,
      PORT: String(port),
      HOST: '127.0.0.1',
      ORIGIN: `http://127.0.0.1:${port}`,
      ...oidc.env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let log = '';
  server.stdout?.on('data', (chunk) => (log += chunk));
  server.stderr?.on('data', (chunk) => (log += chunk));

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(`${url}/`, server, () => log);
  } catch (err) {
    server.kill();
    await oidc.close();
    rmSync(store, { recursive: true, force: true });
    throw err;
  }
  provide('baseUrl', url);

  return async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    await oidc.close();
    rmSync(store, { recursive: true, force: true });
  };
}
