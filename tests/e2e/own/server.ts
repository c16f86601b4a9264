import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { freePort } from '../setup/global';

/** The repository, and the build the suite's global setup made (tests/e2e/setup/global.ts). */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const BUILD = process.env.VIGIE_BUILD_DIR ?? 'build';

/** A server of the built app started by a test, on its own store (and data folder). */
export interface OwnServer {
  url: string;
  origin: string;
  /** Everything it printed so far. */
  log: () => string;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop: () => Promise<void>;
  /** SIGKILL now, as a crash would. */
  kill: () => Promise<void>;
}

const made: string[] = [];
// The test file's folders go when it ends: a run left about fifty stores and data folders behind.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the system's temporary folder, removed when the test file ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Runs `npm run user` (the command line an administrator uses) on a store; resolves with its output. */
export function user(store: string, args: string[], input?: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['scripts/user.mjs', ...args], {
      cwd: REPO,
      env: { ...process.env, NODE_ENV: 'production', VIGIE_STORE_DIR: store },
      stdio: ['pipe', 'pipe', 'pipe']
    });
    child.stdin.end(input);
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => (code === 0 ? done(out) : fail(new Error(`user ${args.join(' ')}: ${code}\n${out}`))));
  });
}

/**
 * Starts `node build` — not `npm start`: whatever the app needs must hold without the start script —
 * on `store` (and `data`, else the shipped data), and waits until it answers `/`.
 */
export async function startServer(o: { store: string; data?: string; uid?: number; gid?: number }): Promise<OwnServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    VIGIE_STORE_DIR: o.store,
    PORT: String(port),
    HOST: '127.0.0.1',
    ORIGIN: origin
  };
  delete env.BODY_SIZE_LIMIT;
  if (o.data) env.VIGIE_DATA_DIR = o.data;
  const child: ChildProcess = spawn(process.execPath, [BUILD], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(o.uid !== undefined ? { uid: o.uid, gid: o.gid } : {})
  });
  let log = '';
  child.stdout!.on('data', (c) => (log += c));
  child.stderr!.on('data', (c) => (log += c));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  const kill = async () => {
    child.kill('SIGKILL');
    await exited;
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node build exited (${child.exitCode}):\n${log}`);
    const res = await fetch(`${origin}/`).catch(() => null);
    if (res?.status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`node build did not answer 200 within 180 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url: origin, origin, log: () => log, stop, kill };
}

/** Signs in with the form, as a browser does; returns the session cookie (`name=value`) or the refusal. */
export async function signIn(
  server: OwnServer,
  name: string,
  password: string,
  suite = '/'
): Promise<{ status: number; cookie: string; location: string | null; text: string }> {
  const res = await fetch(`${server.url}/connexion?/signin`, {
    method: 'POST',
    redirect: 'manual',
    // As a browser's form post (without JavaScript): an HTML answer, not SvelteKit's JSON for `enhance`.
    headers: { origin: server.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name, password, suite })
  });
  return {
    status: res.status,
    cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!,
    location: res.headers.get('location'),
    text: await res.text()
  };
}
