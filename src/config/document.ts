/**
 * The shape of an environment file once it has passed schema validation, as plain data. These
 * types mirror schema/environment.schema.json; tests/config/schema-model.test.ts keeps the two in
 * step. Everything optional here is optional in the schema.
 */

export type VariableDoc = 'secret' | { fromEnv: string } | { value: string } | { ref: string };

export type DomainDoc = string | { name: string; redirect?: string; redirectStatusCode?: 301 | 302 | 307 | 308 };

export interface RailwayDoc {
  project: string;
  environment?: string;
  source?: { repo: string; branch?: string; rootDirectory?: string } | { image: string };
  healthcheck?: { path: string; timeoutSeconds?: number };
  replicas?: number;
  restartPolicy?: { type: 'always' | 'never' | 'on_failure'; maxRetries?: number };
  startCommand?: string;
  buildCommand?: string;
  region?: string;
  serviceDomain?: boolean;
}

export interface VercelDoc {
  project: string;
  target: 'production' | 'preview' | 'development';
  gitBranch?: string;
  framework?: string | null;
  buildCommand?: string | null;
  installCommand?: string | null;
  outputDirectory?: string | null;
  rootDirectory?: string | null;
  gitRepository?: { type: 'github' | 'gitlab' | 'bitbucket'; repo: string };
}

export interface ServiceDoc {
  platform: 'railway' | 'vercel';
  railway?: RailwayDoc;
  vercel?: VercelDoc;
  domains?: DomainDoc[];
  env?: Record<string, VariableDoc>;
}

export interface AlertRuleDoc {
  name: string;
  kind: 'issue' | 'metric';
  threshold?: number;
  windowMinutes?: number;
  aggregate?: string;
  notify?: string[];
}

export interface SentryDoc {
  organization: string;
  teams?: string[];
  projects?: Record<string, { team: string; platform: string; alertRules?: AlertRuleDoc[] }>;
}

export interface MonitorDoc {
  name: string;
  url: string;
  type: 'http' | 'keyword' | 'ping' | 'port';
  interval?: number;
  alertContacts?: string[];
  keyword?: { value: string; when: 'exists' | 'not_exists' };
  port?: number;
}

export interface EnvironmentDoc {
  environment: string;
  services?: Record<string, ServiceDoc>;
  sentry?: SentryDoc;
  monitors?: MonitorDoc[];
  policy?: { maxDeleteFraction?: number; selfHeal?: boolean };
}
