import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { roles, type Role } from '../lib/actor';
import { createChronicle } from '../lib/chronicle';
import { connect } from '../db/client';
import { runCli, withCliDatabase } from './cli-database';

const USAGE =
  'npm run user:create -- --email ADDRESS --role auditor|operator|admin [--name NAME]\n' +
  'The password is asked for at the prompt, or read from standard input when it is not a terminal.';

/** Reads the password without echoing it at a terminal; the first line of a pipe otherwise. */
async function readPassword(): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const lines = createInterface({ input });
    for await (const line of lines) return line;
    throw new Error('No password on standard input');
  }
  process.stdout.write('Password (at least 12 characters): ');
  input.setRawMode(true);
  let typed = '';
  for await (const chunk of input) {
    for (const char of String(chunk)) {
      if (char === '\r' || char === '\n') {
        input.setRawMode(false);
        input.pause();
        process.stdout.write('\n');
        return typed;
      }
      if (char === '\u0003') process.exit(130);
      typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
    }
  }
  return typed;
}

runCli(async () => {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
  });
  if (!values.email || !roles.includes(values.role as Role)) throw new Error(USAGE);
  const password = await readPassword();
  await withCliDatabase(async (url, where) => {
    const db = connect({ url, max: 2 });
    try {
      const { accounts } = createChronicle({ db });
      const { user, created } = await accounts.ensureUser({
        email: values.email!,
        name: values.name ?? values.email!,
        role: values.role as Role,
        password,
      });
      if (!created) throw new Error(`${user.email} already has an account (role ${user.role})`);
      console.log(`Created ${user.email} with the ${user.role} role (${where}).`);
    } finally {
      await db.$client.end();
    }
  });
});
