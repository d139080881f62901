import { startSandbox } from '../../../reconcilers/sandbox.js';
import type { CommandIo } from '../io.js';

/** `gitplane sandbox`: runs the simulators until SIGINT/SIGTERM and prints how to use them. */
export async function runSandbox(options: { port: number }, io: CommandIo, stop?: Promise<void>): Promise<number> {
  const sandbox = await startSandbox({ port: options.port });
  for (const [name, value] of Object.entries(sandbox.variables)) io.stdout(`export ${name}=${value}`);
  io.stderr('Local platform simulators are running (Vercel, Railway), seeded with some drift.');
  io.stderr('Paste the lines above into another shell, then e.g. `gitplane plan --env production`. Ctrl-C stops them.');
  io.stderr('Variables declared with fromEnv (e.g. PROD_STRIPE_SECRET_KEY) must be set in that shell for gitplane to create them.');
  await (stop ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }));
  await sandbox.close();
  return 0;
}
