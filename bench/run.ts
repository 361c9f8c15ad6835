/**
 * `npm run bench -- <name|all> [--quick]`: runs benchmarks from this folder, each writing
 * bench/results/<name>.json and one summary line. --quick is the short mode CI uses to prove the
 * benchmarks still work (its results go to <name>.quick.json and are not the figures that count).
 */
import fs from 'node:fs';
import path from 'node:path';
import { openContext, writeResult, type Benchmark } from './lib/harness.js';

const dir = import.meta.dirname;
const available = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
if (!names.length || names.includes('--help')) {
  console.log(`Usage: npm run bench -- <name|all> [--quick]\nBenchmarks: ${available.join(', ')}`);
  process.exit(names.length ? 0 : 2);
}
const chosen = names.includes('all') ? available : names;
for (const n of chosen) {
  if (!available.includes(n)) {
    console.error(`bench: no benchmark "${n}" (have: ${available.join(', ')})`);
    process.exit(2);
  }
}

let failed = 0;
for (const name of chosen) {
  const mod = (await import(path.join(dir, `${name}.ts`))) as { default: Benchmark };
  const ctx = await openContext(quick);
  try {
    const result = await mod.default(ctx);
    const file = writeResult(result, quick);
    console.log(`${result.pass ? 'PASS' : 'MISS'} ${name}: ${result.summary} (${path.relative(process.cwd(), file)})`);
    if (!result.pass && !quick) failed++;
  } catch (e) {
    failed++;
    console.error(`FAIL ${name}: ${(e as Error).stack ?? e}`);
  } finally {
    await ctx.close();
  }
}
process.exit(failed ? 1 : 0);
