import { createHash } from 'node:crypto';
import type { GitProvider, VercelEnvType, VercelTargetName } from '../api-types.js';

/**
 * The simulator's in-memory Vercel: accounts (one team and the token owner's personal account),
 * their projects, and each project's variables and domains. Tests and the sandbox use the methods
 * below as "dashboard edits"; the HTTP routes use them too, so both paths share the same rules.
 */
export interface SimEnv {
  id: string;
  key: string;
  /** Held in plain text here; the routes decide what a response may show. */
  value: string;
  type: VercelEnvType;
  target: VercelTargetName[];
  gitBranch?: string;
  configurationId: string | null;
  comment: string;
  createdAt: number;
  updatedAt: number;
}

export interface SimDomain {
  name: string;
  apexName: string;
  projectId: string;
  gitBranch: string | null;
  redirect: string | null;
  redirectStatusCode: 301 | 302 | 307 | 308 | null;
  verified: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface SimProject {
  id: string;
  name: string;
  accountId: string;
  framework: string | null;
  buildCommand: string | null;
  devCommand: string | null;
  installCommand: string | null;
  outputDirectory: string | null;
  rootDirectory: string | null;
  nodeVersion: string;
  gitRepository?: { type: GitProvider; repo: string };
  createdAt: number;
  updatedAt: number;
  envs: SimEnv[];
  domains: SimDomain[];
}

export type ProjectSettings = Partial<Pick<SimProject, 'framework' | 'buildCommand' | 'devCommand' | 'installCommand' | 'outputDirectory' | 'rootDirectory' | 'nodeVersion' | 'gitRepository'>>;

export interface NewEnv {
  key: string;
  value: string;
  type: VercelEnvType;
  target: VercelTargetName[];
  gitBranch?: string;
  configurationId?: string | null;
  comment?: string;
}

export interface NewDomain {
  name: string;
  gitBranch?: string | null;
  redirect?: string | null;
  redirectStatusCode?: 301 | 302 | 307 | 308 | null;
  /** Default: verified when the apex is in `verifiedApexes`. */
  verified?: boolean;
}

export class VercelSimState {
  readonly projects: SimProject[] = [];
  /** Apexes this account has proven it owns: domains under them are verified on add. */
  readonly verifiedApexes = new Set<string>();
  /** Domains whose DNS points at Vercel: `GET /v6/domains/{d}/config` says `misconfigured: false`. */
  readonly dnsConfigured = new Set<string>();
  #clock = 1_735_689_600_000;
  #ids = 0;

  constructor(
    readonly teamId: string,
    readonly userId: string,
  ) {}

  /** Strictly increasing milliseconds: `until` paging compares timestamps, so no two items share one. */
  now(): number {
    this.#clock = Math.max(this.#clock + 1, Date.now());
    return this.#clock;
  }

  newId(prefix: string): string {
    this.#ids++;
    const digest = createHash('sha256').update(`${prefix}${this.#ids}`).digest('base64url').replace(/[-_]/g, 'x');
    return `${prefix}${digest.slice(0, prefix ? 24 : 16)}`;
  }

  /** Lookup by id or name, within one account (the request's team or personal scope). */
  project(idOrName: string, accountId?: string): SimProject | undefined {
    return this.projects.find((p) => (accountId === undefined || p.accountId === accountId) && (p.id === idOrName || p.name === idOrName));
  }

  mustProject(idOrName: string): SimProject {
    const project = this.project(idOrName);
    if (!project) throw new Error(`simulator: no project ${idOrName}`);
    return project;
  }

  createProject(input: { name: string; accountId?: string } & ProjectSettings): SimProject {
    const now = this.now();
    const project: SimProject = {
      id: this.newId('prj_'),
      name: input.name,
      accountId: input.accountId ?? this.teamId,
      framework: input.framework ?? null,
      buildCommand: input.buildCommand ?? null,
      devCommand: input.devCommand ?? null,
      installCommand: input.installCommand ?? null,
      outputDirectory: input.outputDirectory ?? null,
      rootDirectory: input.rootDirectory ?? null,
      nodeVersion: input.nodeVersion ?? '22.x',
      ...(input.gitRepository ? { gitRepository: input.gitRepository } : {}),
      createdAt: now,
      updatedAt: now,
      envs: [],
      domains: [],
    };
    this.projects.push(project);
    return project;
  }

  /** A dashboard edit of one project setting. */
  setProjectField<K extends keyof ProjectSettings | 'name'>(idOrName: string, field: K, value: SimProject[K]): void {
    const project = this.mustProject(idOrName);
    project[field] = value;
    project.updatedAt = this.now();
  }

  deleteProject(idOrName: string): void {
    const project = this.mustProject(idOrName);
    this.projects.splice(this.projects.indexOf(project), 1);
  }

  addEnv(idOrName: string, input: NewEnv): SimEnv {
    const project = this.mustProject(idOrName);
    const now = this.now();
    const env: SimEnv = {
      id: this.newId(''),
      key: input.key,
      value: input.value,
      type: input.type,
      target: [...input.target],
      ...(input.gitBranch ? { gitBranch: input.gitBranch } : {}),
      configurationId: input.configurationId ?? null,
      comment: input.comment ?? '',
      createdAt: now,
      updatedAt: now,
    };
    project.envs.push(env);
    project.updatedAt = now;
    return env;
  }

  /** Removes by id, or every variable with that key. */
  removeEnv(idOrName: string, idOrKey: string): void {
    const project = this.mustProject(idOrName);
    project.envs = project.envs.filter((env) => env.id !== idOrKey && env.key !== idOrKey);
  }

  /** The variable with the same key, an overlapping target and the same branch: Vercel's ENV_CONFLICT rule. */
  conflictingEnv(project: SimProject, input: Pick<NewEnv, 'key' | 'target' | 'gitBranch'>, exceptId?: string): SimEnv | undefined {
    return project.envs.find(
      (env) => env.id !== exceptId && env.key === input.key && (env.gitBranch ?? null) === (input.gitBranch ?? null) && env.target.some((t) => input.target.includes(t)),
    );
  }

  addDomain(idOrName: string, input: NewDomain): SimDomain {
    const project = this.mustProject(idOrName);
    const now = this.now();
    const apexName = apexOf(input.name);
    const domain: SimDomain = {
      name: input.name,
      apexName,
      projectId: project.id,
      gitBranch: input.gitBranch ?? null,
      redirect: input.redirect ?? null,
      // The code Vercel stores for a redirect added without one is not documented; 307 is our guess.
      redirectStatusCode: input.redirect ? (input.redirectStatusCode ?? 307) : null,
      verified: input.verified ?? this.verifiedApexes.has(apexName),
      createdAt: now,
      updatedAt: now,
    };
    project.domains.push(domain);
    return domain;
  }

  removeDomain(idOrName: string, name: string): void {
    const project = this.mustProject(idOrName);
    project.domains = project.domains.filter((domain) => domain.name !== name);
  }

  /** Which project (in any account) holds a domain. */
  domainOwner(name: string): SimProject | undefined {
    return this.projects.find((project) => project.domains.some((domain) => domain.name === name));
  }

  /** What proving ownership in the dashboard does: the apex and every domain under it become verified. */
  verifyApex(apex: string): void {
    this.verifiedApexes.add(apex);
    for (const project of this.projects) for (const domain of project.domains) if (domain.apexName === apex) domain.verified = true;
  }
}

/**
 * The registrable domain, naively the last two labels. Public-suffix domains (`example.co.uk`)
 * would need the public suffix list, which the simulator does not carry.
 */
export function apexOf(name: string): string {
  return name.replace(/^\*\./, '').split('.').slice(-2).join('.');
}
