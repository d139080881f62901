import type { PlatformReconciler } from '../src/engine/types.js';
import { railwayReconciler } from './railway/index.js';
import { vercelReconciler } from './vercel/index.js';

/**
 * Every platform gitplane can reconcile, by explicit import (Renovate's platform/api.ts pattern):
 * adding a platform is adding a folder and a line here; the core never imports a platform.
 */
export const platformReconcilers: readonly PlatformReconciler[] = [railwayReconciler, vercelReconciler];
