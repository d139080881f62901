export { formatDiagnostic, type Diagnostic, type Severity } from './diagnostic.js';
export { loadEnvironments, type LoadOptions, type LoadResult } from './load-environments.js';
export { renderEnvExample } from './env-example.js';
export type { EnvironmentModel } from '../model/environment.js';
