// A process that writes to a store and is killed by the test (tests/unit/server/store.test.ts).
//   node crash-child.mjs <root> pause   publishes once and stops (forever) after the content is written
//                                       and synced, before the version is recorded; prints "paused"
//   node crash-child.mjs <root> locked  stops (forever) while holding the dataset's lock; prints "locked"
//   node crash-child.mjs <root> loop    publishes 1 MiB versions without end; prints each version
//   node crash-child.mjs <root> upload  writes 18 MB of an upload's temporary file and stops (forever); prints "written"
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const { module } = await runnerImport(join(repo, 'src/lib/server/store.ts'), {
  configFile: false,
  logLevel: 'silent',
  resolve: { alias: { $lib: join(repo, 'src/lib') } }
});
const [root, mode] = process.argv.slice(2);
const forever = () => new Promise(() => setInterval(() => {}, 1 << 30));
const name = 'observations/crash.csv';
const body = (i, size) => {
  const head = `indicator_id,period,value\n`;
  const line = `tournees_soutenues,2030-2031,${i}\n`;
  return new TextEncoder().encode(head + line.repeat(Math.ceil(size / line.length)));
};

if (mode === 'pause') {
  const store = new module.FileStore(root, {
    beforeRecord: async () => {
      process.stdout.write('paused\n');
      await forever();
    }
  });
  await store.publish(name, body(999, 4 << 20), { by: 'child' });
} else if (mode === 'locked') {
  const { withFileLock } = (await runnerImport(join(repo, 'src/lib/server/fsio.ts'), { configFile: false, logLevel: 'silent' }))
    .module;
  await withFileLock(join(root, 'datasets', `${encodeURIComponent(name)}.lock`), async () => {
    process.stdout.write('locked\n');
    await forever();
  });
} else if (mode === 'upload') {
  const { tempPath } = (await runnerImport(join(repo, 'src/lib/server/fsio.ts'), { configFile: false, logLevel: 'silent' }))
    .module;
  const { mkdir, writeFile } = await import('node:fs/promises');
  await mkdir(join(root, 'tmp'), { recursive: true });
  await writeFile(tempPath(root, 'upload'), body(1, 18 << 20));
  process.stdout.write('written\n');
  await forever();
} else {
  const store = new module.FileStore(root);
  for (let i = 0; ; i++) {
    const r = await store.publish(name, body(i, 1 << 20), { by: 'child' });
    process.stdout.write(`v${r.version}\n`);
  }
}
