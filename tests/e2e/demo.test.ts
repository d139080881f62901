import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runSandbox } from '../../src/cli/commands/sandbox.js';
import type { CommandIo } from '../../src/cli/io.js';

function capture(): { io: CommandIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), interactive: false }, out, err };
}

describe('the README main job', () => {
  it('`gitplane demo` plans, applies, converges and detects drift on the example estate', async () => {
    const { io, out, err } = capture();
    const code = await main(['demo', '--dir', resolve(import.meta.dirname, '../../environments')], { io, processEnv: { PATH: process.env['PATH'] } });
    const text = [...out, ...err].join('\n');
    expect(code, text).toBe(0);
    expect(text).toContain('Demo complete');
    expect(text).toContain('Verified: the platforms now match the declared state.');
    expect(text).toMatch(/Drift for production[^\n]*1 to update/);
    // The demo's fromEnv values are random and never printed; the placeholder is.
    expect(text).not.toMatch(/demo-[0-9a-f]{24}/);
  }, 120_000);

  it('`gitplane sandbox` prints the variables that point gitplane at the simulators', async () => {
    const { io, out } = capture();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const running = runSandbox({ port: 0 }, io, stopped);
    await expect.poll(() => out.length, { timeout: 5000 }).toBeGreaterThanOrEqual(5);
    const variables = Object.fromEntries(out.map((line) => line.replace(/^export /, '').split('=') as [string, string]));
    expect(Object.keys(variables).sort()).toEqual(['RAILWAY_API_TOKEN', 'RAILWAY_API_URL', 'VERCEL_API_URL', 'VERCEL_TEAM_ID', 'VERCEL_TOKEN']);
    const response = await fetch(`${variables['VERCEL_API_URL']}/v9/projects/acme-shop-web?teamId=${variables['VERCEL_TEAM_ID']}`, { headers: { authorization: `Bearer ${variables['VERCEL_TOKEN']}` } });
    expect(response.status).toBe(200);
    stop();
    expect(await running).toBe(0);
  });
});
