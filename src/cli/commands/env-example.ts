import { formatDiagnostic, loadEnvironments, renderEnvExample } from '../../config/index.js';

export interface EnvExampleOptions {
  dir: string;
  env: string;
  service: string;
}

export interface EnvExampleIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** `gitplane env-example`: the service's .env.example on stdout; problems on stderr, exit 1. */
export async function runEnvExample(options: EnvExampleOptions, io: EnvExampleIo): Promise<number> {
  const result = await loadEnvironments(options.dir, { env: options.env });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) io.stderr(formatDiagnostic(d));
  const model = result.environments.find((e) => e.name === options.env);
  if (errors.length > 0 || model === undefined) {
    io.stderr(`error: environment "${options.env}" in ${options.dir} is not valid; run \`gitplane validate --env ${options.env}\``);
    return 1;
  }
  if (!model.services.some((s) => s.name === options.service)) {
    const known = model.services.map((s) => s.name);
    io.stderr(`error: no service "${options.service}" in environment "${options.env}"; known services: ${known.join(', ') || '(none)'}`);
    return 1;
  }
  io.stdout(renderEnvExample(model, options.service).trimEnd());
  return 0;
}
