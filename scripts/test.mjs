// `npm test`: install when needed, then run every suite that needs only Node
// (unit tests beside the code and the API suite on embedded PGlite).
// Usage: node scripts/test.mjs [--suite=unit|api|process|pg|browser|cluster] [--concurrency=N] [files…]
// Node 20's --test does not expand globs, so the files are listed here. On a terminal the
// spec reporter is used; otherwise TAP, whose closing `# pass N` / `# fail N` lines CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureDependencies, ensureWebBuild } from './ensure.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const suite = (args.find((a) => a.startsWith('--suite=')) ?? '--suite=node').slice('--suite='.length);
const explicit = args.filter((a) => !a.startsWith('--'));
// files run side by side, two at once by default (on two cores three at once was measured slower:
// the PGlite suites are CPU-bound)
const concurrencyArg = args.find((a) => a.startsWith('--concurrency='));
const concurrency = concurrencyArg ? Number(concurrencyArg.slice('--concurrency='.length)) : 2;

function find(dir, pred, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) find(p, pred, out);
    else if (pred(p)) out.push(relative(root, p));
  }
  return out.sort();
}

// *.pg.test.ts need PostgreSQL (the pg suite), *.nats.test.ts need NATS (the cluster suite)
const isTest = (p) => p.endsWith('.test.ts') && !p.endsWith('.pg.test.ts') && !p.endsWith('.nats.test.ts');
const suites = {
  unit: () => [...find(join(root, 'server'), isTest), ...find(join(root, 'shared'), isTest)],
  api: () => find(join(root, 'tests', 'api'), isTest),
  process: () => find(join(root, 'tests', 'process'), isTest),
  browser: () => find(join(root, 'tests', 'browser'), isTest),
  // several server processes on PostgreSQL with NATS (CI)
  cluster: () => [...find(join(root, 'tests', 'cluster'), isTest), ...find(join(root, 'server'), (p) => p.endsWith('.nats.test.ts'))],
};
suites.node = () => [...suites.unit(), ...suites.api(), ...suites.process()];
// the API suite again, for PostgreSQL runs (the caller sets SVYAZ_TEST_DATABASE_URL)
suites.pg = () => [...suites.api(), ...find(join(root, 'server'), (p) => p.endsWith('.pg.test.ts'))];

if (!suites[suite]) {
  console.error(`unknown suite ${suite}; one of ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}
ensureDependencies();
if (suite === 'browser') ensureWebBuild();
const files = explicit.length ? explicit : suites[suite]();
if (files.length === 0) {
  console.error(`no test files for suite ${suite}`);
  process.exit(1);
}
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`, ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(r.status ?? 1);
