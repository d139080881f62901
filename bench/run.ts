import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '../reconcilers/sandbox.js';
import { main } from '../src/cli/main.js';
import type { CommandIo } from '../src/cli/io.js';

/**
 * Speed, request-count and memory targets, measured against the local simulators and printed as a
 * table. Run with `npm run bench` (after `npm run build`). Kept out of the test suite on purpose:
 * timings on a shared 2-core machine are for reading, not for failing builds.
 */
interface Row {
  metric: string;
  value: number;
  unit: string;
  target: string;
  ok: boolean;
}

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const quiet: CommandIo = { stdout: () => undefined, stderr: () => undefined, interactive: false };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function coldValidateMs(): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    execFileSync(process.execPath, [cli, 'validate', '--dir', join(root, 'environments')], { stdio: 'ignore' });
    runs.push(performance.now() - started);
  }
  return median(runs);
}

function scaledEstate(variables: number): string {
  const vercelVars = Array.from({ length: variables }, (_, i) => `      VAR_${i}: { value: "v${i}" }`).join('\n');
  const railwayVars = Array.from({ length: variables }, (_, i) => `      RVAR_${i}: { value: "r${i}" }`).join('\n');
  return `environment: production
services:
  web:
    platform: vercel
    vercel: { project: bench-web, target: production, framework: nextjs }
    domains: [bench.example.dev]
    env:
${vercelVars}
  api:
    platform: railway
    railway: { project: acme-shop, replicas: 2 }
    env:
${railwayVars}
`;
}

async function withWorkspace<T>(work: (dir: string, sandbox: Sandbox, env: Record<string, string | undefined>) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'gitplane-bench-'));
  const sandbox = await startSandbox();
  try {
    const env = { ...sandbox.variables, GITPLANE_STATE_DIR: join(dir, '.gitplane'), GITPLANE_RAILWAY_DEPLOY_POLL_MS: '100', PROD_STRIPE_SECRET_KEY: 'bench' };
    return await work(dir, sandbox, env);
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function estateRows(rows: Row[]): Promise<void> {
  await withWorkspace(async (_dir, sandbox, env) => {
    const dirArgs = ['--dir', join(root, 'environments')];
    const planMs: number[] = [];
    for (let i = 0; i < 5; i++) planMs.push(await timed(() => main(['plan', '--env', 'production', ...dirArgs], { io: quiet, processEnv: env })));
    const before = { vercel: sandbox.vercel.requests.length, railway: sandbox.railway.requests.length };
    await main(['plan', '--env', 'production', ...dirArgs], { io: quiet, processEnv: env });
    const requests = sandbox.vercel.requests.length - before.vercel + sandbox.railway.requests.length - before.railway;
    const applyMs = await timed(() => main(['apply', '--env', 'production', '--yes', ...dirArgs], { io: quiet, processEnv: env }));
    rows.push({ metric: 'plan example production (in-process, median of 5)', value: median(planMs), unit: 'ms', target: '< 2000', ok: median(planMs) < 2000 });
    rows.push({ metric: 'requests per plan, example production', value: requests, unit: 'req', target: '<= 12', ok: requests <= 12 });
    rows.push({ metric: 'apply + verify example production', value: applyMs, unit: 'ms', target: '< 10000', ok: applyMs < 10_000 });
  });
}

async function scalingRows(rows: Row[]): Promise<void> {
  const counts: Record<number, { requests: number; ms: number }> = {};
  for (const variables of [10, 200]) {
    counts[variables] = await withWorkspace(async (dir, sandbox, env) => {
      await mkdir(join(dir, 'environments'));
      await writeFile(join(dir, 'environments', 'production.yaml'), scaledEstate(variables));
      const dirArgs = ['--dir', join(dir, 'environments')];
      await main(['apply', '--env', 'production', '--yes', ...dirArgs], { io: quiet, processEnv: env });
      const before = sandbox.vercel.requests.length + sandbox.railway.requests.length;
      const ms = await timed(() => main(['plan', '--env', 'production', ...dirArgs], { io: quiet, processEnv: env }));
      return { requests: sandbox.vercel.requests.length + sandbox.railway.requests.length - before, ms };
    });
  }
  rows.push({ metric: 'requests per plan, 10 variables per service', value: counts[10]!.requests, unit: 'req', target: 'same as 200', ok: true });
  rows.push({ metric: 'requests per plan, 200 variables per service', value: counts[200]!.requests, unit: 'req', target: `= ${counts[10]!.requests}`, ok: counts[200]!.requests === counts[10]!.requests });
  rows.push({ metric: 'plan, 200 variables per service', value: counts[200]!.ms, unit: 'ms', target: '< 3000', ok: counts[200]!.ms < 3000 });
}

async function run(): Promise<void> {
  const rows: Row[] = [];
  const validateMs = coldValidateMs();
  rows.push({ metric: '`gitplane validate` cold start (median of 5)', value: validateMs, unit: 'ms', target: '< 1000', ok: validateMs < 1000 });
  await estateRows(rows);
  await scalingRows(rows);
  const rss = process.memoryUsage().rss / 1_048_576;
  rows.push({ metric: 'peak resident memory of this benchmark', value: rss, unit: 'MiB', target: '< 300', ok: rss < 300 });

  const width = Math.max(...rows.map((r) => r.metric.length));
  console.log(`${'metric'.padEnd(width)}  ${'value'.padStart(9)}  ${'target'.padEnd(12)}  ok`);
  for (const row of rows) {
    const value = `${row.value.toFixed(row.unit === 'req' ? 0 : 1)} ${row.unit}`;
    console.log(`${row.metric.padEnd(width)}  ${value.padStart(9)}  ${row.target.padEnd(12)}  ${row.ok ? 'yes' : 'NO'}`);
  }
  if (rows.some((r) => !r.ok)) process.exitCode = 1;
}

await run();
