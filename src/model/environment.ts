/**
 * The resolved desired state of one environment: what the loader produces after parsing, schema
 * validation and semantic checks, and what every later stage consumes without re-reading YAML.
 *
 * Every declared thing carries its source location so that a later error (a failed apply, a
 * conflicting resource) can still point a person at the line to edit.
 */

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type PlatformId = 'railway' | 'vercel' | 'sentry' | 'uptimerobot';

/**
 * Where a variable's value comes from. Only `value` puts a value in git; `secret` says the
 * variable must exist on the platform and its value is managed elsewhere; `fromEnv` reads the value
 * from gitplane's own process environment at apply time; `ref` wires an output of another declared
 * resource (for example a Sentry project's DSN).
 */
export type VariableSource =
  | { kind: 'secret' }
  | { kind: 'fromEnv'; variable: string }
  | { kind: 'value'; value: string }
  | { kind: 'ref'; ref: ResourceReference };

/** `sentry.backend.dsn` resolved: the referenced resource's address and the output it exposes. */
export interface ResourceReference {
  /** As written, e.g. `sentry.backend.dsn`. */
  expression: string;
  platform: PlatformId;
  /** Resource kind on that platform, e.g. `project`. */
  kind: string;
  /** The declared name, e.g. `backend`. */
  name: string;
  /** The output of that resource, e.g. `dsn`. */
  output: string;
}

export interface DeclaredVariable {
  name: string;
  source: VariableSource;
  location: SourceLocation;
}

export interface DeclaredDomain {
  name: string;
  /** Redirect this domain to another one (Vercel), e.g. apex → www. */
  redirect?: string;
  redirectStatusCode?: 301 | 302 | 307 | 308;
  location: SourceLocation;
}

export type RailwaySource =
  | { kind: 'repo'; repo: string; branch?: string; rootDirectory?: string }
  | { kind: 'image'; image: string };

export type RestartPolicyType = 'always' | 'never' | 'on_failure';

export interface RailwaySettings {
  /** Railway project, by name or id. */
  project: string;
  /** Railway environment name; defaults to the file's environment name. */
  environment: string;
  source?: RailwaySource;
  healthcheck?: { path: string; timeoutSeconds?: number };
  replicas?: number;
  restartPolicy?: { type: RestartPolicyType; maxRetries?: number };
  startCommand?: string;
  buildCommand?: string;
  region?: string;
  /** Generated Railway domain (`*.up.railway.app`) wanted for this service. */
  serviceDomain?: boolean;
}

export type VercelTarget = 'production' | 'preview' | 'development';

export interface VercelSettings {
  /** Vercel project, by name or id. */
  project: string;
  target: VercelTarget;
  /** Only with target `preview`: the branch whose deployments get these variables and domains. */
  gitBranch?: string;
  /** `null` means auto-detect. Undefined means "not managed by gitplane". */
  framework?: string | null;
  buildCommand?: string | null;
  installCommand?: string | null;
  outputDirectory?: string | null;
  rootDirectory?: string | null;
  gitRepository?: { type: 'github' | 'gitlab' | 'bitbucket'; repo: string };
}

interface ServiceBase {
  name: string;
  domains: DeclaredDomain[];
  variables: DeclaredVariable[];
  location: SourceLocation;
}

export interface RailwayService extends ServiceBase {
  platform: 'railway';
  railway: RailwaySettings;
}

export interface VercelService extends ServiceBase {
  platform: 'vercel';
  vercel: VercelSettings;
}

export type DeclaredService = RailwayService | VercelService;

export interface SentryAlertRule {
  name: string;
  /** Issue alert: fire when an issue is seen more than `threshold` times in `windowMinutes`. */
  kind: 'issue' | 'metric';
  threshold?: number;
  windowMinutes?: number;
  /** Metric alerts: e.g. `count()` or `p95(transaction.duration)`. */
  aggregate?: string;
  /** Where to send alerts, e.g. an email or a team slug. */
  notify?: string[];
  location: SourceLocation;
}

export interface DeclaredSentryProject {
  /** The key under `sentry.projects`, also the slug. */
  name: string;
  team: string;
  platform: string;
  alertRules: SentryAlertRule[];
  location: SourceLocation;
}

export interface SentryConfig {
  organization: string;
  teams: string[];
  projects: DeclaredSentryProject[];
  location: SourceLocation;
}

export type MonitorType = 'http' | 'keyword' | 'ping' | 'port';

export interface DeclaredMonitor {
  name: string;
  url: string;
  type: MonitorType;
  /** Seconds between checks. */
  interval: number;
  alertContacts: string[];
  keyword?: { value: string; when: 'exists' | 'not_exists' };
  port?: number;
  /** Set by the loader when the monitor's host is a domain declared by a service. */
  linkedDomain?: { service: string; domain: string };
  location: SourceLocation;
}

export interface EnvironmentModel {
  name: string;
  /** Files the environment was loaded from (one, or several for a directory). */
  files: string[];
  services: DeclaredService[];
  sentry?: SentryConfig;
  monitors: DeclaredMonitor[];
  /** Engine settings for this environment. */
  policy: EnvironmentPolicy;
}

export interface EnvironmentPolicy {
  /** A plan that deletes more than this share (0..1) of the environment's owned resources is refused without an override. */
  maxDeleteFraction: number;
  /** Scheduled drift runs may apply to repair drift. */
  selfHeal: boolean;
}
