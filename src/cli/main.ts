#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import type { DestinationStream } from 'pino';
import { describeError, GitplaneError } from '../errors.js';
import type { EngineRuntime } from '../engine/index.js';
import type { ApplyCommandOptions } from './commands/apply.js';
import { parseTarget } from '../engine/address.js';
import { processIo, type CommandIo } from './io.js';

// Commands are imported when they run: `gitplane validate` must not pay for loading the platform
// clients, GraphQL and the HTTP stack (measured: about 600 ms of a cold start).
const commands = {
  validate: () => import('./commands/validate.js'),
  envExample: () => import('./commands/env-example.js'),
  plan: () => import('./commands/plan.js'),
  apply: () => import('./commands/apply.js'),
  drift: () => import('./commands/drift.js'),
  history: () => import('./commands/history.js'),
  suspend: () => import('./commands/suspend.js'),
  sandbox: () => import('./commands/sandbox.js'),
  demo: () => import('./commands/demo.js'),
};

export interface MainOptions {
  io?: CommandIo;
  processEnv?: Readonly<Record<string, string | undefined>>;
  /** Where structured logs go (default stderr); tests capture them to search for leaks. */
  logDestination?: DestinationStream;
}

/** Runs one command line and returns the exit code; never calls process.exit, so tests can use it. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const io = options.io ?? processIo();
  const processEnv = options.processEnv ?? process.env;
  let exitCode = 0;
  let runtime: EngineRuntime | undefined;
  const withRuntime = async (work: (runtime: EngineRuntime) => Promise<number>): Promise<void> => {
    const [{ createRuntime }, { createLogger }] = await Promise.all([import('./runtime.js'), import('../log/logger.js')]);
    runtime ??= await createRuntime({
      processEnv,
      log: createLogger({
        ...(processEnv['GITPLANE_LOG_LEVEL'] ? { level: processEnv['GITPLANE_LOG_LEVEL'] } : {}),
        ...(options.logDestination ? { destination: options.logDestination } : {}),
      }),
    });
    exitCode = await work(runtime);
  };

  const program = new Command('gitplane')
    .description('GitOps for Railway, Vercel, Sentry and UptimeRobot: declare in YAML, plan in the PR, apply on merge.')
    .version(await packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s.trimEnd()), writeErr: (s) => io.stderr(s.trimEnd()) })
    .showHelpAfterError('(run `gitplane --help` for usage)');

  const dirOption = (): Option => new Option('--dir <dir>', 'directory of environment files').default('environments');
  const formatOption = (choices: string[]): Option => new Option('--format <format>', 'output format').choices(choices).default('text');
  const collect = (value: string, previous: string[]): string[] => [...previous, parseTarget(value)];

  program
    .command('validate')
    .description('schema and semantic checks of every environment file (0 valid, 1 invalid)')
    .addOption(dirOption())
    .option('--env <name>', 'only this environment')
    .option('--strict', 'treat warnings (such as variables missing from one environment) as errors', false)
    .addOption(formatOption(['text', 'json']))
    .action(async (o: { dir: string; env?: string; strict: boolean; format: 'text' | 'json' }) => {
      exitCode = await (await commands.validate()).runValidate({ dir: o.dir, strict: o.strict, format: o.format, ...(o.env ? { env: o.env } : {}) }, io);
    });

  program
    .command('env-example')
    .description("print the .env.example for one service: variable names, with values only for plain non-secret ones")
    .addOption(dirOption())
    .requiredOption('--env <name>', 'environment')
    .requiredOption('--service <name>', 'service')
    .action(async (o: { dir: string; env: string; service: string }) => {
      exitCode = await (await commands.envExample()).runEnvExample(o, io);
    });

  program
    .command('plan')
    .description('observe the platforms and print the diff; changes nothing (0 no changes, 2 changes, 1 error)')
    .addOption(dirOption())
    .requiredOption('--env <name>', 'environment')
    .addOption(formatOption(['text', 'json', 'markdown']))
    .option('--target <address>', 'limit to a resource address or prefix (repeatable)', collect, [])
    .action(async (o: { dir: string; env: string; format: 'text' | 'json' | 'markdown'; target: string[] }) => {
      const { runPlan } = await commands.plan();
      await withRuntime((rt) => runPlan({ dir: o.dir, env: o.env, format: o.format, targets: o.target }, io, rt));
    });

  const applyLike = (name: 'apply' | 'reconcile', description: string): Command =>
    program
      .command(name)
      .description(description)
      .addOption(dirOption())
      .requiredOption('--env <name>', 'environment')
      .option('--target <address>', 'limit to a resource address or prefix (repeatable)', collect, [])
      .option('--allow-delete', 'also delete resources gitplane owns that are no longer declared', false)
      .option('--allow-mass-delete', 'allow a plan that deletes more than policy.maxDeleteFraction of the owned resources', false)
      .addOption(formatOption(['text', 'json']));

  applyLike('apply', 'plan, apply and verify convergence (0 converged, 1 error or not converged)')
    .option('--yes', 'apply without asking', false)
    .action(async (o: ApplyFlags) => {
      const { runApply } = await commands.apply();
      await withRuntime((rt) => runApply({ ...applyOptions(o), yes: o.yes ?? false }, io, rt));
    });

  applyLike('reconcile', 'manual, audited, immediate apply for emergencies; needs --reason')
    .requiredOption('--reason <text>', 'why this emergency apply is needed (recorded in the history)')
    .action(async (o: ApplyFlags & { reason: string }) => {
      const { runApply } = await commands.apply();
      await withRuntime((rt) =>
        runApply({ ...applyOptions(o), yes: true, kind: 'reconcile', reason: o.reason, actor: actorName(processEnv) }, io, rt),
      );
    });

  program
    .command('drift')
    .description('compare the live platforms with the declared state (0 none, 2 drift, 1 error)')
    .addOption(dirOption())
    .option('--env <name>', 'environment')
    .option('--all', 'every environment', false)
    .addOption(formatOption(['text', 'json', 'markdown']))
    .action(async (o: { dir: string; env?: string; all: boolean; format: 'text' | 'json' | 'markdown' }) => {
      if (!o.all && !o.env) throw new GitplaneError('drift needs --env NAME or --all');
      const { runDrift } = await commands.drift();
      await withRuntime((rt) => runDrift({ dir: o.dir, all: o.all, format: o.format, ...(o.env ? { env: o.env } : {}) }, io, rt));
    });

  program
    .command('suspend')
    .description('pause scheduled and merge-triggered applies of an environment')
    .requiredOption('--env <name>', 'environment')
    .requiredOption('--reason <text>', 'why (recorded)')
    .action(async (o: { env: string; reason: string }) => {
      const { runSuspend } = await commands.suspend();
      await withRuntime((rt) => runSuspend({ env: o.env, reason: o.reason, actor: actorName(processEnv) }, io, rt));
    });

  program
    .command('resume')
    .description('resume scheduled and merge-triggered applies of an environment')
    .requiredOption('--env <name>', 'environment')
    .action(async (o: { env: string }) => {
      const { runResume } = await commands.suspend();
      await withRuntime((rt) => runResume(o, io, rt));
    });

  program
    .command('history')
    .description('past runs: trigger, commit, changes, outcome')
    .option('--env <name>', 'only this environment')
    .option('--limit <n>', 'how many runs', (v) => Number.parseInt(v, 10), 20)
    .addOption(formatOption(['text', 'json']))
    .action(async (o: { env?: string; limit: number; format: 'text' | 'json' }) => {
      const { runHistory } = await commands.history();
      await withRuntime((rt) => runHistory({ format: o.format, limit: o.limit, ...(o.env ? { env: o.env } : {}) }, io, rt));
    });

  program
    .command('sandbox')
    .description('start local simulators of the platforms and print the variables that point gitplane at them')
    .option('--port <port>', 'first port to listen on (0 picks free ports)', (v) => Number.parseInt(v, 10), 0)
    .action(async (o: { port: number }) => {
      exitCode = await (await commands.sandbox()).runSandbox({ port: o.port }, io);
    });

  program
    .command('demo')
    .description('the whole loop against the local simulators: plan, apply, re-plan, a dashboard edit, drift')
    .addOption(dirOption())
    .action(async (o: { dir: string }) => {
      exitCode = await (await commands.demo()).runDemo({ dir: o.dir }, io, (argv, env) => main(argv, { ...options, io, processEnv: env }));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    io.stderr(`error: ${describeError(error)}`);
    if (!(error instanceof GitplaneError)) io.stderr('(this looks like a bug in gitplane; please report it with the command you ran)');
    return 1;
  } finally {
    await runtime?.store.close();
  }
}

interface ApplyFlags {
  dir: string;
  env: string;
  target: string[];
  allowDelete: boolean;
  allowMassDelete: boolean;
  format: 'text' | 'json';
  yes?: boolean;
}

function applyOptions(o: ApplyFlags): Omit<ApplyCommandOptions, 'yes'> {
  return { dir: o.dir, env: o.env, targets: o.target, allowDelete: o.allowDelete, allowMassDelete: o.allowMassDelete, format: o.format };
}

function actorName(processEnv: Readonly<Record<string, string | undefined>>): string {
  return processEnv['GITHUB_ACTOR'] ?? processEnv['USER'] ?? safeUser();
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

async function packageVersion(): Promise<string> {
  const { readPackageJson } = await import('./package-info.js');
  return (await readPackageJson()).version;
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
}
