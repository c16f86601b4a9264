// Starts `node <build>` over a data folder, on a free port, and stops it.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A port free on 127.0.0.1 now. */
export function freePort() {
  return new Promise((done, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

/**
 * `node <root>/<buildDir>` with VIGIE_DATA_DIR = `dataDir`; resolves once `/` answers 200, which is
 * after the server's DuckDB has loaded the folder (the first request loads it).
 */
export async function startServer(root, buildDir, dataDir, { timeoutMs = 600_000 } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, buildDir)], {
    cwd: root,
    // VIGIE_BENCH=1: the /bench floors answer and pages send the bench's events (never in production).
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', VIGIE_DATA_DIR: dataDir, VIGIE_BENCH: '1' },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let log = '';
  child.stdout.on('data', (c) => (log = (log + c).slice(-8000)));
  child.stderr.on('data', (c) => (log = (log + c).slice(-8000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`node ${buildDir} exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/`);
      if (res.status === 200) return { url, stop, pid: child.pid, loadMs: Date.now() - started };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`node ${buildDir} did not answer within ${timeoutMs / 1000} s:\n${log}`);
}
