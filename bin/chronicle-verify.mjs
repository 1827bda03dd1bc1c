#!/usr/bin/env node
// chronicle-verify FILE [--public-key KEY]: checks an evidence file offline (verify-evidence.mjs).
// Exit 0 valid, 1 invalid (the first mismatch on stderr), 2 unreadable or usage.
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Invalid, verifyEvidence } from './verify-evidence.mjs';

const USAGE = 'usage: chronicle-verify FILE [--public-key KEY]';

function parseArgs(argv) {
  const args = { file: null, publicKey: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--public-key' && i + 1 < argv.length) args.publicKey = argv[++i];
    else if (argv[i].startsWith('--public-key=')) args.publicKey = argv[i].slice(13);
    else if (!argv[i].startsWith('-') && args.file === null) args.file = argv[i];
    else return null;
  }
  return args.file === null ? null : args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    return 2;
  }
  try {
    await access(args.file);
  } catch {
    console.error(`chronicle-verify: cannot read ${args.file}`);
    return 2;
  }
  try {
    const lines = createInterface({ input: createReadStream(args.file), crlfDelay: Infinity });
    const { header, events, streams } = await verifyEvidence(lines, args.publicKey);
    const d = header.digest;
    console.log(`valid: ${events} events in ${streams} streams`);
    console.log(
      `digest: position ${d.position}, ${d.streams} streams, ${d.events} events, root ${d.root}, taken ${d.createdAt}`,
    );
    console.log(
      `signed by public key ${d.publicKey}${args.publicKey ? ' (as expected)' : ' (pass --public-key to require it)'}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof Invalid) {
      console.error(`invalid: ${error.message}`);
      return 1;
    }
    console.error(`chronicle-verify: cannot read ${args.file}: ${error.message}`);
    return 2;
  }
}

process.exitCode = await main();
