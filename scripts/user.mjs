#!/usr/bin/env node
// Manages Vigie's accounts from the command line, with the server's own code (src/lib/server/users.ts,
// loaded through Vite's module runner, so nothing needs building first):
//
//   npm run user -- add NAME --role editor     creates an account, prints its random password once
//   npm run user -- list                       lists accounts and roles
//   npm run user -- passwd NAME                sets a new random password (ends the account's sessions)
//   npm run user -- role NAME admin            changes a role
//   npm run user -- remove NAME                deletes an account
//
// `--password-stdin` reads the password from standard input instead of making one (scripts, tests).
// The accounts live in VIGIE_STORE_DIR (default ./var) — the same folder the server uses.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { runnerImport } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = async (file) =>
  (
    await runnerImport(join(root, file), {
      configFile: false,
      logLevel: 'silent',
      resolve: { alias: { $lib: join(root, 'src/lib') } }
    })
  ).module;

const USAGE = `Usage: npm run user -- <command>
  add NAME --role viewer|editor|admin [--password-stdin]
  list
  passwd NAME [--password-stdin]
  role NAME viewer|editor|admin
  remove NAME
Accounts are kept in $VIGIE_STORE_DIR/users.json (default ./var/users.json).`;

const MESSAGES = {
  bad_name: 'invalid name: lower-case letters, digits, ".", "-", "_", 2 to 40 characters',
  bad_role: 'invalid role: viewer, editor or admin',
  exists: 'this account already exists',
  unknown: 'no such account',
  too_short: 'password too short (10 characters at least)',
  too_long: 'password too long (200 characters at most)',
  last_admin: 'the last admin account cannot be removed or demoted'
};

async function readStdin() {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, '');
}

async function main(argv) {
  // Positional words, skipping `--role`'s value.
  const positional = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--role');
  const flag = (name) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? (argv[i + 1] ?? '') : undefined;
  };
  const [command, name, extra] = positional;
  if (!command || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const [{ UserBook, UserError }, { AuditLog }, { storeDir }, { randomPassword }] = await Promise.all([
    load('src/lib/server/users.ts'),
    load('src/lib/server/audit.ts'),
    load('src/lib/server/services.ts'),
    load('src/lib/server/passwords.ts')
  ]);
  const dir = storeDir();
  const users = new UserBook(dir);
  const audit = new AuditLog(dir);
  const password = async () => (argv.includes('--password-stdin') ? await readStdin() : randomPassword());
  try {
    switch (command) {
      case 'list': {
        const list = await users.list();
        if (!list.length) console.log(`No account in ${dir}.`);
        for (const u of list) console.log(`${u.name.padEnd(24)} ${u.role.padEnd(8)} created ${u.createdAt}`);
        return 0;
      }
      case 'add': {
        const role = flag('role') ?? 'viewer';
        const pw = await password();
        await users.add(name ?? '', role, pw);
        await audit.record({ event: 'user_add', user: 'cli', detail: `${name} (${role})` });
        console.log(`Account "${name}" (${role}) created in ${dir}.`);
        if (!argv.includes('--password-stdin')) console.log(`Password (shown only once): ${pw}`);
        return 0;
      }
      case 'passwd': {
        const pw = await password();
        await users.setPassword(name ?? '', pw);
        await audit.record({ event: 'user_password', user: 'cli', detail: name });
        console.log(`Password of "${name}" changed; its sessions are closed.`);
        if (!argv.includes('--password-stdin')) console.log(`New password (shown only once): ${pw}`);
        return 0;
      }
      case 'role': {
        await users.setRole(name ?? '', extra ?? '');
        await audit.record({ event: 'user_role', user: 'cli', detail: `${name} → ${extra}` });
        console.log(`"${name}" is now ${extra}.`);
        return 0;
      }
      case 'remove': {
        await users.remove(name ?? '');
        await audit.record({ event: 'user_remove', user: 'cli', detail: name });
        console.log(`Account "${name}" removed.`);
        return 0;
      }
      default:
        console.error(`Unknown command "${command}".\n${USAGE}`);
        return 1;
    }
  } catch (err) {
    if (err instanceof UserError) {
      console.error(`Refused: ${MESSAGES[err.code] ?? err.code}`);
      return 2;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv.slice(2));
