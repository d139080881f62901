// tsc emits JavaScript only; the simulators read these files at run time, so the build copies them.
import { cpSync, existsSync } from 'node:fs';

const assets = ['reconcilers/railway/schema.graphql', 'reconcilers/vercel/sim/request-schemas.json'];
for (const asset of assets) {
  if (existsSync(asset)) cpSync(asset, `dist/${asset}`);
}
