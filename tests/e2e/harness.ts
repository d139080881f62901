import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { request } from 'undici';
import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/io.js';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs gitplane commands in-process through the real command line (`main`), against a
 * workspace with its own environments directory and state store, capturing everything printed
 * and every log line, so tests can assert on exit codes and search all output for secrets.
 */
export class Workspace {
  readonly outputs: string[] = [];
  readonly logs: string[] = [];
  private constructor(
    readonly dir: string,
    readonly processEnv: Record<string, string | undefined>,
  ) {}

  static async create(processEnv: Record<string, string | undefined>): Promise<Workspace> {
    const dir = await mkdtemp(join(tmpdir(), 'gitplane-e2e-'));
    await mkdir(join(dir, 'environments'));
    return new Workspace(dir, { GITPLANE_STATE_DIR: join(dir, '.gitplane'), GITPLANE_LOG_LEVEL: 'debug', ...processEnv });
  }

  get stateFile(): string {
    return join(this.dir, '.gitplane', 'state.sqlite');
  }

  async writeEnvironment(name: string, yaml: string): Promise<void> {
    await writeFile(join(this.dir, 'environments', `${name}.yaml`), yaml);
  }

  async run(...argv: string[]): Promise<CommandResult> {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io: CommandIo = { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t), interactive: false };
    const logs = this.logs;
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logs.push(chunk.toString('utf8'));
        callback();
      },
    });
    const withDir = argv.includes('--dir') || ['history', 'suspend', 'resume', 'sandbox'].includes(argv[0] ?? '') ? argv : [...argv, '--dir', join(this.dir, 'environments')];
    const code = await main(withDir, { io, processEnv: this.processEnv, logDestination: destination });
    const result = { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
    this.outputs.push(result.stdout, result.stderr);
    return result;
  }

  async json(...argv: string[]): Promise<{ code: number; doc: Record<string, unknown> }> {
    const result = await this.run(...argv, '--format', 'json');
    return { code: result.code, doc: JSON.parse(result.stdout) as Record<string, unknown> };
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** A request as a person's browser session in the dashboard would make it, outside gitplane. */
export async function platformRequest(url: string, token: string, method: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await request(url, {
    method: method as 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export function changesOf(doc: Record<string, unknown>): { address: string; action: string; blocked?: string }[] {
  return (doc['changes'] as { address: string; action: string; blocked?: string }[]).map((c) => ({ address: c.address, action: c.action, ...(c.blocked ? { blocked: c.blocked } : {}) }));
}
