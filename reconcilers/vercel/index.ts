import { TerminalError } from '../../src/errors.js';
import type { ApplyResult, Change, PlatformReconciler, ReconcileContext } from '../../src/engine/types.js';
import { applyDomain } from './apply-domain.js';
import { applyEnv } from './apply-env.js';
import { applyProject } from './apply-project.js';
import { vercelDesired } from './desired.js';
import { createVercelHttpClient } from './http.js';
import { observeVercel } from './observe.js';
import { VERCEL_KINDS } from './specs.js';

/**
 * Vercel: projects (`vercel.project.<service>`), their environment variables
 * (`vercel.env.<service>.<VAR>`, one per key + target + branch) and domains
 * (`vercel.domain.<service>.<domain>`). Stateless: everything arrives in the context.
 */
export const vercelReconciler: PlatformReconciler = {
  id: 'vercel',
  kinds: VERCEL_KINDS,
  // Nothing forces a replace: every managed field can be changed in place, except a project's Git
  // repository, which apply refuses with a hint rather than replacing (and so deleting) the project.
  diffPolicy: { project: {}, env: {}, domain: {} },
  credentials: { required: ['VERCEL_TOKEN'] },
  createHttpClient: (processEnv, log) => createVercelHttpClient(processEnv, log),
  desired: vercelDesired,
  observe: observeVercel,
  apply: applyVercel,
};

/** One change per call; see PlatformReconciler.apply for what a throw leaves behind. */
async function applyVercel(change: Change, ctx: ReconcileContext): Promise<ApplyResult> {
  switch (change.key.kind) {
    case 'project':
      return applyProject(change, ctx);
    case 'env':
      return applyEnv(change, ctx);
    case 'domain':
      return applyDomain(change, ctx);
    default:
      throw new TerminalError(`vercel: unknown resource kind ${change.key.kind}`);
  }
}

export { createVercelHttpClient, parseVercelError, vercelHttpOptions } from './http.js';
export type { DomainSpec, EnvSpec, ProjectSpec } from './specs.js';
