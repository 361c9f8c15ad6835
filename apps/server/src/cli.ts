/**
 * The `kopdes` command: serve, migrate, demo, user add. Exit codes: 0 done, 1 failed, 2 wrong usage.
 */
import { COOP_ROLES, type CoopRole } from '@kopdes/shared/auth';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config.js';
import { connect, type Database } from './db/client.js';
import { DataDirLockedError, isAlive, readLock } from './db/embedded.js';
import { MigrationMismatchError } from './db/migrate.js';
import { openDatabase, startServer } from './main.js';
import { AppError } from './lib/errors.js';
import { SYSTEM_ACTOR } from './lib/actor.js';
import { normalizePhoneId } from '@kopdes/shared/phone';
import { addUserToCoop, assignRole, createUser, findUserByContact, listCoopUsers, revokeCoopRole } from './modules/auth/users.service.js';
import { findCooperativeByName, getCooperative } from './modules/cooperatives/cooperatives.service.js';
import { DEMO_ADMIN, DEMO_PASSWORD, DEMO_USERS } from './workflows/demo/demo-users.js';
import { seedDemo, seedDemoModules, seedDemoPeople } from './workflows/demo/seed-demo.js';
import { membersImportCommand } from './modules/members/members-import.cli.js';
import { NETWORK_HELP, networkCommand } from './modules/network/network.cli.js';
import { ARCHIVE_HELP, archiveCommand } from './workflows/archive/archive.cli.js';

class UsageError extends Error {}

const HELP: Record<string, string> = {
  main: `kopdes — operating system for village cooperatives

Usage: kopdes <command> [options]

Commands:
  serve        Start the server (embedded PostgreSQL unless DATABASE_URL is set)
  migrate      Apply database migrations and exit
  demo         Add the demo cooperative and its users (once)
  user add     Create a user with a role in a cooperative, or a ministry admin
  user grant   Give an existing user a role in a cooperative
  user revoke  Take a role away
  user list    List a cooperative's users and their roles
  members import  Import members from an .xlsx or CSV file (dry run first)
  network synth   Create (or --remove) the synthetic national network of cooperatives
  network refresh Recompute the national roll-ups of every real cooperative
  export       Write one cooperative's complete data to a file (to move it to another server)
  import       Load a cooperative's export file into this server
  backup       Write the whole installation to a file (safe while the server runs)
  restore      Load a backup into an empty (or, with --replace, emptied) installation

Run "kopdes <command> --help" for a command's options.
Environment: DATABASE_URL, KOPDES_DATA_DIR, PORT, HOST, LOG_LEVEL (see README).`,
  serve: `Usage: kopdes serve [--demo] [--port N] [--host ADDRESS]

  --demo         seed the demo cooperative on first start and print the demo sign-ins
  --port N       port to listen on (default: PORT or 3000; 0 picks a free one)
  --host ADDR    address to bind (default: HOST or 127.0.0.1)`,
  migrate: `Usage: kopdes migrate

Applies the migrations this version ships to the configured database and exits.`,
  demo: `Usage: kopdes demo

Adds "Koperasi Desa Merah Putih Alamendah" with its users. Does nothing if it exists.`,
  user: `Usage: kopdes user add --name NAME (--email EMAIL | --phone 08…) (--coop ID|NAME --role ROLE | --admin)

  --name NAME       full name
  --email EMAIL     sign-in email
  --phone NUMBER    sign-in phone number (08…, +62…)
  --coop ID|NAME    the cooperative (its kop_… id or exact name)
  --role ROLE       one of: ${COOP_ROLES.join(', ')}
  --admin           a ministry (platform) admin instead of a cooperative role
  The password is read from KOPDES_PASSWORD, or from standard input when it is not a terminal.
  It must be at least 10 characters.

       kopdes user grant  (--email EMAIL | --phone 08…) --coop ID|NAME --role ROLE
       kopdes user revoke (--email EMAIL | --phone 08…) --coop ID|NAME --role ROLE
       kopdes user list   --coop ID|NAME`,
  members: `Usage: kopdes members import FILE --coop ID|NAME [--dry-run] [--valid-only]

  FILE           .xlsx workbook or CSV: a header row (Nama, NIK, …) within the first 20 rows
  --coop ID|NAME the cooperative (its kop_… id or exact name)
  --dry-run      check every row and report; write nothing
  --valid-only   import the valid rows and report the others (default: all rows or none)
  Exit code 1 when rows have problems (except with --valid-only).`,
  network: NETWORK_HELP,
  export: ARCHIVE_HELP,
  import: ARCHIVE_HELP,
  backup: ARCHIVE_HELP,
  restore: ARCHIVE_HELP,
};

async function readPassword(): Promise<string> {
  if (process.env.KOPDES_PASSWORD) return process.env.KOPDES_PASSWORD;
  if (process.stdin.isTTY) throw new UsageError('Give the password in KOPDES_PASSWORD or pipe it on standard input.');
  let data = '';
  for await (const chunk of process.stdin) data += chunk;
  return data.split('\n')[0]!.trim();
}

/** Use the running server's embedded database if one holds the data directory; else open it. */
async function withDatabaseUrl<T>(config: Config, fn: (url: string) => Promise<T>): Promise<T> {
  const lock = !config.databaseUrl ? readLock(config.dataDir) : undefined;
  if (lock && isAlive(lock.pid)) return fn(`postgres://kopdes:kopdes@127.0.0.1:${lock.port}/kopdes`);
  const opened = await openDatabase(config);
  try {
    return await fn(opened.url);
  } finally {
    await opened.embedded?.stop();
  }
}

async function withDatabase<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  return withDatabaseUrl(config, async (url) => {
    const database = connect(url, 2);
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  });
}

function printDemo(url: string) {
  const lines = [
    '',
    `  kopdes is running at ${url}`,
    '',
    `  Demo sign-ins (password for all: ${DEMO_PASSWORD}):`,
    ...DEMO_USERS.map((u) => `    ${u.roles[0]!.padEnd(10)} ${u.email}`),
    `    ${'admin'.padEnd(10)} ${DEMO_ADMIN.email}`,
    '',
    '  Press Ctrl+C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

async function findCoop(db: Database['db'], ref: string) {
  const coop = ref.startsWith('kop_') ? await getCooperative(db, ref).catch(() => undefined) : await findCooperativeByName(db, ref);
  if (!coop) throw new UsageError(`No cooperative "${ref}".`);
  return coop;
}

async function manageRoles(
  config: Config,
  sub: 'grant' | 'revoke' | 'list',
  values: { email?: string; phone?: string; coop?: string; role?: string },
): Promise<number> {
  if (!values.coop) throw new UsageError('--coop is required');
  return withDatabase(config, async ({ db }) => {
    const coop = await findCoop(db, values.coop!);
    if (sub === 'list') {
      for (const u of await listCoopUsers(db, coop.id))
        console.log(`${u.id}  ${u.fullName.padEnd(28)} ${(u.email ?? u.phone ?? '').padEnd(34)} ${u.roles.join(', ')}`);
      return 0;
    }
    if (!values.role || !COOP_ROLES.includes(values.role as CoopRole))
      throw new UsageError(`--role must be one of: ${COOP_ROLES.join(', ')}`);
    if (!values.email && !values.phone) throw new UsageError('--email or --phone is required');
    const phone = values.phone ? normalizePhoneId(values.phone) : undefined;
    if (phone && !phone.ok) throw new UsageError(`--phone: ${phone.message.en}`);
    const user = await findUserByContact(db, values.email ? { email: values.email.toLowerCase() } : { phone: phone?.ok ? phone.e164 : '' });
    if (!user) throw new UsageError(`No user ${values.email ?? values.phone}.`);
    if (sub === 'grant') await assignRole(db, SYSTEM_ACTOR, coop.id, user.id, values.role as CoopRole);
    else await revokeCoopRole(db, SYSTEM_ACTOR, coop.id, user.id, values.role as CoopRole);
    console.log(
      `${sub === 'grant' ? 'Granted' : 'Revoked'} ${values.role} ${sub === 'grant' ? 'to' : 'from'} ${user.fullName} in ${coop.name}.`,
    );
    return 0;
  });
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    console.log(HELP.main);
    return cmd ? 0 : 2;
  }
  const config = loadConfig();
  switch (cmd) {
    case 'serve': {
      const { values } = parseArgs({
        args: rest,
        options: { demo: { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
        strict: true,
      });
      if (values.help) return (console.log(HELP.serve), 0);
      if (values.port !== undefined) {
        const port = Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${values.port}"`);
        config.port = port;
      }
      if (values.host) config.host = values.host;
      let demoCoop: string | undefined;
      const running = await startServer(config, {
        afterMigrate: values.demo ? async (d) => void (demoCoop = (await seedDemoPeople(d.db)).cooperativeId) : undefined,
      });
      if (values.demo) printDemo(running.url);
      else console.log(`kopdes is running at ${running.url}`);
      let stopping = false;
      if (demoCoop) {
        const started = Date.now();
        void seedDemoModules(running.database.db, demoCoop).then(
          (seeded) =>
            seeded &&
            console.log(`  Demo data ready (books, members, harvests, network) in ${Math.round((Date.now() - started) / 1000)} s.`),
          (e: unknown) =>
            stopping
              ? console.log('  The demo data was not finished before the stop; it is seeded again on the next start.')
              : console.error('kopdes: the demo data could not be seeded:', e),
        );
      }
      await new Promise<void>((resolve) => {
        const shut = (sig: string) => {
          stopping = true;
          console.log(`\n${sig} received, stopping kopdes…`);
          void running.stop().then(resolve, resolve);
        };
        process.once('SIGINT', () => shut('SIGINT'));
        process.once('SIGTERM', () => shut('SIGTERM'));
      });
      return 0;
    }
    case 'migrate': {
      if (rest.includes('--help') || rest.includes('-h')) return (console.log(HELP.migrate), 0);
      if (rest.length) throw new UsageError(`migrate takes no arguments (got ${rest.join(' ')})`);
      await withDatabase(config, async () => undefined);
      console.log('Migrations are up to date.');
      return 0;
    }
    case 'demo': {
      if (rest.includes('--help') || rest.includes('-h')) return (console.log(HELP.demo), 0);
      const res = await withDatabase(config, (d) => seedDemo(d.db));
      console.log(
        res.created ? `Demo cooperative created (${res.cooperativeId}).` : `Demo cooperative already exists (${res.cooperativeId}).`,
      );
      return 0;
    }
    case 'user': {
      const [sub, ...args] = rest;
      if (!sub || sub === '--help' || sub === '-h') return (console.log(HELP.user), sub ? 0 : 2);
      if (!['add', 'grant', 'revoke', 'list'].includes(sub))
        throw new UsageError(`Unknown subcommand "user ${sub}". Try "kopdes user --help".`);
      const { values } = parseArgs({
        args,
        options: {
          name: { type: 'string' },
          email: { type: 'string' },
          phone: { type: 'string' },
          coop: { type: 'string' },
          role: { type: 'string' },
          admin: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
      });
      if (values.help) return (console.log(HELP.user), 0);
      if (sub !== 'add') return manageRoles(config, sub as 'grant' | 'revoke' | 'list', values);
      if (!values.name) throw new UsageError('--name is required');
      if (!values.email && !values.phone) throw new UsageError('--email or --phone is required');
      if (!values.admin && (!values.coop || !values.role)) throw new UsageError('--coop and --role are required (or --admin)');
      if (values.role && !COOP_ROLES.includes(values.role as CoopRole))
        throw new UsageError(`--role must be one of: ${COOP_ROLES.join(', ')}`);
      const password = await readPassword();
      if (password.length < 10) throw new UsageError('The password must be at least 10 characters.');
      const id = await withDatabase(config, async ({ db }) => {
        if (values.admin)
          return createUser(db, { fullName: values.name!, email: values.email, phone: values.phone, password, platformRole: 'admin' });
        const coop = values.coop!.startsWith('kop_')
          ? await getCooperative(db, values.coop!)
          : await findCooperativeByName(db, values.coop!);
        if (!coop) throw new UsageError(`No cooperative "${values.coop}".`);
        return addUserToCoop(db, SYSTEM_ACTOR, coop.id, {
          fullName: values.name!,
          email: values.email,
          phone: values.phone,
          password,
          role: values.role as CoopRole,
        });
      });
      console.log(`User ${id} created.`);
      return 0;
    }
    case 'members': {
      const [sub, ...args] = rest;
      if (!sub || sub === '--help' || sub === '-h') return (console.log(HELP.members), sub ? 0 : 2);
      if (sub !== 'import') throw new UsageError(`Unknown subcommand "members ${sub}". Try "kopdes members --help".`);
      const { values, positionals } = parseArgs({
        args,
        options: {
          coop: { type: 'string' },
          'dry-run': { type: 'boolean' },
          'valid-only': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
        allowPositionals: true,
        strict: true,
      });
      if (values.help) return (console.log(HELP.members), 0);
      const [file] = positionals;
      if (!file || positionals.length > 1) throw new UsageError('Give exactly one file: kopdes members import FILE --coop ID|NAME');
      if (!values.coop) throw new UsageError('--coop is required');
      if (!fs.existsSync(file)) throw new UsageError(`No file "${file}".`);
      return withDatabase(config, async ({ db }) => {
        const coop = values.coop!.startsWith('kop_')
          ? await getCooperative(db, values.coop!)
          : await findCooperativeByName(db, values.coop!);
        if (!coop) throw new UsageError(`No cooperative "${values.coop}".`);
        return membersImportCommand(db, coop.id, file, { dryRun: !!values['dry-run'], validOnly: !!values['valid-only'] });
      });
    }
    case 'network':
      return networkCommand(rest, (fn) => withDatabase(config, (d) => fn(d.db)));
    case 'export':
    case 'import':
    case 'backup':
    case 'restore':
      return archiveCommand(cmd, rest, config, {
        withUrl: (fn) => withDatabaseUrl(config, fn),
        findCoop: (ref) => withDatabase(config, async ({ db }) => (await findCoop(db, ref)).id),
      });
    default:
      throw new UsageError(`Unknown command "${cmd}". Run "kopdes --help".`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`kopdes: ${(e as Error).message}`);
      process.exit(2);
    }
    if (e instanceof DataDirLockedError || e instanceof MigrationMismatchError) {
      console.error(`kopdes: ${e.message}`);
      process.exit(1);
    }
    if (e instanceof AppError) {
      console.error(`kopdes: ${e.msg.en}${e.fields.length ? ` (${e.fields.map((f) => `${f.field}: ${f.message.en}`).join('; ')})` : ''}`);
      process.exit(1);
    }
    console.error('kopdes: failed:', e);
    process.exit(1);
  },
);
