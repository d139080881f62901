import type { VercelService } from '../../src/model/environment.js';
import type { VercelProject } from './api-types.js';

/**
 * Outputs other declared resources may reference (`ref: vercel.<service>.domain`): the service's
 * first declared domain that serves content (not a redirect), or, for production, the project's
 * generated `<name>.vercel.app`. A preview branch without a declared domain has no predictable
 * host (Vercel builds it from the branch and the team slug), so it exposes none.
 */
export function projectOutputs(project: Pick<VercelProject, 'id' | 'name'>, service: VercelService | undefined): Record<string, string> {
  const outputs: Record<string, string> = { id: project.id };
  const served = service?.domains.find((domain) => !domain.redirect && !domain.name.startsWith('*.'));
  if (served) outputs['domain'] = served.name;
  else if (service?.vercel.target === 'production') outputs['domain'] = `${project.name}.vercel.app`;
  return outputs;
}
