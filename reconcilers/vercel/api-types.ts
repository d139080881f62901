/**
 * The parts of Vercel's REST payloads gitplane reads, typed from the `getProject`, `filterProjectEnvs`,
 * `getProjectDomains` and `getDomainConfig` response schemas in shared/platform-apis/vercel-openapi.subset.json.
 * Only the fields we use are listed; the API returns many more, which we ignore.
 */

export type VercelTargetName = 'production' | 'preview' | 'development';
export type VercelEnvType = 'system' | 'encrypted' | 'plain' | 'sensitive' | 'secret';
export type GitProvider = 'github' | 'gitlab' | 'bitbucket';

/** `pagination` of list responses: timestamps (ms) or, for `GET /v10/projects`, a continuation token. */
export interface VercelPagination {
  count: number;
  next: number | string | null;
  prev?: number | string | null;
}

/**
 * `Project.link`: one variant per Git provider. GitHub variants name the repo `org` + `repo`, GitLab
 * `projectNamespace` + `projectName`, Bitbucket `owner` + `slug`.
 */
export interface VercelProjectLink {
  type: string;
  org?: string;
  repo?: string;
  projectNamespace?: string;
  projectName?: string;
  owner?: string;
  slug?: string;
  productionBranch?: string;
}

export interface VercelProject {
  id: string;
  name: string;
  accountId: string;
  framework?: string | null;
  buildCommand?: string | null;
  devCommand?: string | null;
  installCommand?: string | null;
  outputDirectory?: string | null;
  rootDirectory?: string | null;
  link?: VercelProjectLink;
  createdAt?: number;
  updatedAt?: number;
}

export interface VercelEnv {
  id: string;
  key: string;
  /** Plain text for `plain`; ciphertext for `encrypted` (decrypted: false); empty for `sensitive`. */
  value: string;
  type: VercelEnvType;
  /** The schema allows one string or an array. */
  target?: VercelTargetName | VercelTargetName[];
  gitBranch?: string;
  decrypted?: boolean;
  /** Set when an integration (e.g. Sentry's) created the variable. */
  configurationId?: string | null;
  customEnvironmentIds?: string[];
  createdAt?: number;
  updatedAt?: number;
}

export interface VercelEnvCreateFailure {
  error: { code: string; message: string; key?: string; envVarKey?: string; target?: string | string[]; gitBranch?: string };
}

export interface VercelEnvCreateResponse {
  created: VercelEnv | VercelEnv[];
  failed: VercelEnvCreateFailure[];
}

export interface VercelDomainVerification {
  type: string;
  domain: string;
  value: string;
  reason: string;
}

export interface VercelProjectDomain {
  name: string;
  apexName: string;
  projectId: string;
  verified: boolean;
  redirect?: string | null;
  redirectStatusCode?: 301 | 302 | 307 | 308 | null;
  gitBranch?: string | null;
  customEnvironmentId?: string | null;
  verification?: VercelDomainVerification[];
  createdAt?: number;
  updatedAt?: number;
}

export interface VercelDomainConfig {
  configuredBy: 'CNAME' | 'A' | 'http' | 'dns-01' | null;
  acceptedChallenges: string[];
  recommendedIPv4: { rank: number; value: string[] }[];
  recommendedCNAME: { rank: number; value: string }[];
  misconfigured: boolean;
}

/** Body of `POST /v11/projects` (createProject) as gitplane sends it. */
export interface CreateProjectBody {
  name: string;
  framework?: string | null;
  buildCommand?: string | null;
  installCommand?: string | null;
  outputDirectory?: string | null;
  rootDirectory?: string | null;
  gitRepository?: { type: GitProvider; repo: string };
}

/** Body of `PATCH /v9/projects/{idOrName}` (updateProject): a present field is set, `null` resets to auto-detect. */
export type UpdateProjectBody = Partial<Omit<CreateProjectBody, 'gitRepository'>>;

/** One item of `POST /v10/projects/{idOrName}/env` (createProjectEnv). */
export interface CreateEnvBody {
  key: string;
  value: string;
  type: 'encrypted' | 'plain' | 'sensitive';
  target: VercelTargetName[];
  gitBranch?: string;
}

/** Body of `PATCH /v9/projects/{idOrName}/env/{id}` (editProjectEnv). */
export interface EditEnvBody {
  key?: string;
  value?: string;
  type?: 'encrypted' | 'plain' | 'sensitive';
  target?: VercelTargetName[];
  gitBranch?: string | null;
}

/** Body of `POST /v10/projects/{idOrName}/domains` (addProjectDomain). */
export interface AddDomainBody {
  name: string;
  gitBranch?: string | null;
  redirect?: string | null;
  redirectStatusCode?: 301 | 302 | 307 | 308 | null;
}

/** Body of `PATCH /v9/projects/{idOrName}/domains/{domain}` (updateProjectDomain). */
export type UpdateDomainBody = Omit<AddDomainBody, 'name'>;
