#!/usr/bin/env node
/**
 * The `bianban` command: start | migrate | users create | audit verify | backup FILE | restore FILE.
 * Every command reads the same configuration as the server (environment, see README).
 */
import { parseArgs } from 'node:util';
import { run, USAGE } from './commands.js';

const argv = process.argv.slice(2);
const { positionals, values } = parseArgs({
  args: argv,
  allowPositionals: true,
  strict: true,
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    'scope-unit': { type: 'string' },
    unit: { type: 'string' },
    'as-of': { type: 'string' },
    json: { type: 'boolean' },
    file: { type: 'string' },
    'doc-number': { type: 'string' },
    date: { type: 'string' },
    'effective-date': { type: 'string' },
    approver: { type: 'string' },
    title: { type: 'string' },
    department: { type: 'string' },
    year: { type: 'string' },
    evaluation: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help || positionals.length === 0) {
  console.log(USAGE);
  process.exit(positionals.length === 0 && !values.help ? 2 : 0);
}

run(positionals, values).then(
  (code) => {
    if (code !== null) process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
