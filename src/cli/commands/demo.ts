import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { startSandbox, type Sandbox } from '../../../reconcilers/sandbox.js';
import { loadEnvironments } from '../../config/index.js';
import type { EnvironmentModel } from '../../model/environment.js';
import type { CommandIo } from '../io.js';

export type CommandRunner = (argv: string[], processEnv: Readonly<Record<string, string | undefined>>) => Promise<number>;

interface Step {
  argv: string[];
  expect: number;
  says: string;
}

/**
 * The README's main job: the whole loop against the local simulators with a throw-away state
 * store, each step a real gitplane command whose exit code is checked. No account, no token.
 */
export async function runDemo(options: { dir: string }, io: CommandIo, run: CommandRunner): Promise<number> {
  const stateDir = await mkdtemp(join(tmpdir(), 'gitplane-demo-'));
  const sandbox = await startSandbox();
  try {
    const loaded = await loadEnvironments(options.dir);
    const processEnv: Record<string, string | undefined> = {
      ...withoutGitplaneVariables(process.env),
      ...sandbox.variables,
      ...demoSecrets(loaded.environments),
      GITPLANE_STATE_DIR: stateDir,
      GITPLANE_RAILWAY_DEPLOY_POLL_MS: '100',
    };
    const env = loaded.environments.some((e) => e.name === 'production') ? 'production' : loaded.environments[0]?.name;
    if (!env) {
      io.stderr(`error: no valid environment in ${options.dir}; run \`gitplane validate --dir ${options.dir}\``);
      return 1;
    }
    const dir = ['--dir', options.dir];
    const steps: (Step | (() => Promise<void>))[] = [
      { argv: ['validate', ...dir], expect: 0, says: 'The YAML is valid.' },
      { argv: ['plan', '--env', env, ...dir], expect: 2, says: 'The plan shows what differs between the YAML and the (simulated) platforms.' },
      { argv: ['apply', '--env', env, '--yes', ...dir], expect: 0, says: 'Apply makes the platforms match, then verifies by planning again.' },
      { argv: ['plan', '--env', env, ...dir], expect: 0, says: 'A plan right after apply is empty.' },
      () => dashboardEdit(sandbox, io),
      { argv: ['drift', '--env', env, ...dir], expect: 2, says: 'The drift check catches the edit made by hand.' },
      { argv: ['history', '--env', env], expect: 0, says: 'Every apply and drift check is recorded.' },
    ];
    for (const step of steps) {
      if (typeof step === 'function') {
        await step();
        continue;
      }
      io.stderr(`\n$ gitplane ${step.argv.join(' ')}`);
      const code = await run(step.argv, processEnv);
      if (code !== step.expect) {
        io.stderr(`\ndemo failed: \`gitplane ${step.argv.join(' ')}\` exited ${code}, expected ${step.expect}`);
        return 1;
      }
      io.stderr(`# ${step.says} (exit ${code})`);
    }
    io.stderr('\nDemo complete. Run `gitplane sandbox` to keep the simulators running and try commands yourself.');
    return 0;
  } finally {
    await sandbox.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** Values for fromEnv variables: random, never printed, gone with the process. */
function demoSecrets(environments: readonly EnvironmentModel[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const env of environments) {
    for (const service of env.services) {
      for (const variable of service.variables) {
        if (variable.source.kind === 'fromEnv') values[variable.source.variable] = `demo-${randomBytes(12).toString('hex')}`;
      }
    }
  }
  return values;
}

/** The demo must not pick up a real token or database from the person's shell. */
function withoutGitplaneVariables(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const blocked = /^(VERCEL_|RAILWAY_|SENTRY_|UPTIMEROBOT_|GITHUB_|DATABASE_URL$|GITPLANE_)/;
  return Object.fromEntries(Object.entries(env).filter(([name]) => !blocked.test(name)));
}

/** What a person clicking in the Vercel dashboard would do, through the simulator's API. */
async function dashboardEdit(sandbox: Sandbox, io: CommandIo): Promise<void> {
  io.stderr('\n# Meanwhile someone changes the web project\'s framework by hand in the Vercel dashboard.');
  const url = new URL(`${sandbox.vercel.url}/v9/projects/acme-shop-web`);
  url.searchParams.set('teamId', sandbox.vercel.teamId);
  const response = await request(url, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${sandbox.vercel.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ framework: 'remix' }),
  });
  await response.body.text();
  if (response.statusCode !== 200) throw new Error(`the simulated dashboard edit failed with HTTP ${response.statusCode}`);
}
