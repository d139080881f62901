import { seedRailwaySandbox, startRailwaySimulator, type RailwaySimulator } from './railway/simulator.js';
import { seedVercelSandbox, startVercelSimulator, type VercelSimulator } from './vercel/simulator.js';

export interface Sandbox {
  /** The variables that point gitplane at the simulators (SPEC.md names). */
  variables: Record<string, string>;
  vercel: VercelSimulator;
  railway: RailwaySimulator;
  close(): Promise<void>;
}

/**
 * Local simulators of every platform gitplane manages, seeded so the example estate shows real
 * drift: some resources exist and will be adopted, some differ, some are missing.
 */
export async function startSandbox(options: { port?: number; seed?: boolean } = {}): Promise<Sandbox> {
  const base = options.port ?? 0;
  const vercel = await startVercelSimulator({ port: base });
  // Deployments that take a fraction of a second keep the demo quick while still going through
  // QUEUED → BUILDING → DEPLOYING → SUCCESS, which gitplane waits for.
  const railway = await startRailwaySimulator({ port: base === 0 ? 0 : base + 1, deployStepMs: 100 });
  if (options.seed !== false) {
    seedVercelSandbox(vercel);
    seedRailwaySandbox(railway);
  }
  return {
    variables: {
      VERCEL_API_URL: vercel.url,
      VERCEL_TOKEN: vercel.token,
      VERCEL_TEAM_ID: vercel.teamId,
      RAILWAY_API_URL: railway.url,
      RAILWAY_API_TOKEN: railway.token,
    },
    vercel,
    railway,
    close: async () => {
      await Promise.all([vercel.close(), railway.close()]);
    },
  };
}
