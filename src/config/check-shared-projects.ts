import type { EnvironmentModel, VercelService, VercelSettings } from '../model/environment.js';
import type { Diagnostic } from './diagnostic.js';
import type { ParityInput } from './check-parity.js';

/** Project-level settings: one value per Vercel project, whatever the target or branch. */
const PROJECT_SETTINGS = ['framework', 'buildCommand', 'installCommand', 'outputDirectory', 'rootDirectory', 'gitRepository'] as const;

/**
 * Several environment files may declare the same Vercel project (production, and a preview branch
 * for staging). Its project-level settings are shared by every target, so two files declaring them
 * differently would make each apply undo the other's, and every plan would show drift. Each file
 * that disagrees gets an error at the setting, naming the other file and its value.
 */
export function checkSharedVercelProjects(environments: readonly ParityInput[]): Diagnostic[] {
  const byProject = new Map<string, { env: ParityInput; service: VercelService }[]>();
  for (const env of environments) {
    for (const service of env.model.services) {
      if (service.platform !== 'vercel') continue;
      const list = byProject.get(service.vercel.project) ?? [];
      list.push({ env, service });
      byProject.set(service.vercel.project, list);
    }
  }
  const out: Diagnostic[] = [];
  for (const [project, declarations] of byProject) {
    for (const setting of PROJECT_SETTINGS) {
      const declared = declarations.filter((d) => d.service.vercel[setting] !== undefined);
      const values = new Set(declared.map((d) => canonical(d.service.vercel, setting)));
      if (values.size < 2) continue;
      for (const { env, service } of declared) {
        const others = declared
          .filter((d) => d.env !== env || d.service !== service)
          .map((d) => `${describe(d.env.model, d.service)} has ${canonical(d.service.vercel, setting)}`)
          .join('; ');
        out.push(
          env.sources.diagnostic(service, ['vercel', setting], {
            code: 'shared-project-conflict',
            severity: 'error',
            message: `Vercel project "${project}" is declared with a different ${setting} elsewhere (${others}); it is one setting for every target`,
            hint: `declare the same ${setting} in every file that uses ${project}, or declare it in one file only`,
          }),
        );
      }
    }
  }
  return out;
}

function canonical(settings: VercelSettings, setting: (typeof PROJECT_SETTINGS)[number]): string {
  return JSON.stringify(settings[setting] ?? null);
}

function describe(model: EnvironmentModel, service: VercelService): string {
  return `${model.files[0] ?? model.name} (service ${service.name})`;
}
