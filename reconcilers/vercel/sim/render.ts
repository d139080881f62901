import { createHash } from 'node:crypto';
import type { VercelDomainConfig } from '../api-types.js';
import type { SimDomain, SimEnv, SimProject } from './state.js';

/** What the API shows of a project (required fields of the `getProject` 200 schema, plus those we use). */
export function renderProject(project: SimProject): Record<string, unknown> {
  return {
    id: project.id,
    name: project.name,
    accountId: project.accountId,
    framework: project.framework,
    buildCommand: project.buildCommand,
    devCommand: project.devCommand,
    installCommand: project.installCommand,
    outputDirectory: project.outputDirectory,
    rootDirectory: project.rootDirectory,
    nodeVersion: project.nodeVersion,
    directoryListing: false,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
    resourceConfig: { functionDefaultRegions: ['iad1'] },
    defaultResourceConfig: { functionDefaultRegions: ['iad1'] },
    latestDeployments: [],
    targets: {},
    ...(project.gitRepository ? { link: renderLink(project) } : {}),
  };
}

/** `link` in the provider's own shape (see the `getProject` schema's oneOf variants). */
function renderLink(project: SimProject): Record<string, unknown> {
  const { type, repo } = project.gitRepository!;
  const [owner = '', name = ''] = repo.split('/');
  const common = { gitCredentialId: '', productionBranch: 'main', sourceless: true, deployHooks: [], createdAt: project.createdAt, updatedAt: project.updatedAt };
  if (type === 'gitlab') {
    return { type, projectId: '1', projectName: name, projectNamespace: owner, projectNameWithNamespace: `${owner} / ${name}`, projectUrl: `https://gitlab.com/${repo}`, ...common };
  }
  if (type === 'bitbucket') return { type, name, slug: name, owner, uuid: '{sim}', workspaceUuid: '{sim}', ...common };
  return { type, org: owner, repo: name, repoId: 1, ...common };
}

/**
 * Values as the API shows them: `plain` readable; `encrypted` as ciphertext with
 * `decrypted: false` unless the deprecated `decrypt=true` was asked; `sensitive` never. The
 * ciphertext is a digest, so it can never contain the value.
 */
export function renderEnv(env: SimEnv, decrypt = false): Record<string, unknown> {
  let value = '';
  let decrypted = false;
  if (env.type === 'plain') value = env.value;
  else if (env.type === 'encrypted' && decrypt) {
    value = env.value;
    decrypted = true;
  } else if (env.type !== 'sensitive') value = `eyJ2IjoidjIiLCJj${createHash('sha256').update(`${env.id}:${env.value}`).digest('base64url').slice(0, 32)}`;
  return {
    id: env.id,
    key: env.key,
    value,
    type: env.type,
    target: env.target,
    ...(env.gitBranch ? { gitBranch: env.gitBranch } : {}),
    configurationId: env.configurationId,
    comment: env.comment,
    createdAt: env.createdAt,
    updatedAt: env.updatedAt,
    createdBy: 'usr_sandbox',
    updatedBy: null,
    decrypted,
    customEnvironmentIds: [],
  };
}

export function renderDomain(domain: SimDomain): Record<string, unknown> {
  return {
    name: domain.name,
    apexName: domain.apexName,
    projectId: domain.projectId,
    redirect: domain.redirect,
    redirectStatusCode: domain.redirectStatusCode,
    gitBranch: domain.gitBranch,
    customEnvironmentId: null,
    updatedAt: domain.updatedAt,
    createdAt: domain.createdAt,
    verified: domain.verified,
    ...(domain.verified ? {} : { verification: [verificationChallenge(domain)] }),
  };
}

/** Deterministic, so a test (or a person) can predict the TXT record to add. */
export function verificationChallenge(domain: Pick<SimDomain, 'name' | 'apexName' | 'projectId'>): Record<string, string> {
  const token = createHash('sha256').update(`${domain.projectId}:${domain.name}`).digest('hex').slice(0, 20);
  return { type: 'TXT', domain: `_vercel.${domain.apexName}`, value: `vc-domain-verify=${domain.name},${token}`, reason: 'pending_domain_verification' };
}

/**
 * `GET /v6/domains/{domain}/config`. The recommended values are Vercel's commonly documented
 * targets (vercel.md §4.3 notes they are not taken from the spec).
 */
export function renderDomainConfig(name: string, apexName: string, configured: boolean): VercelDomainConfig {
  return {
    configuredBy: configured ? (name === apexName ? 'A' : 'CNAME') : null,
    acceptedChallenges: configured ? ['dns-01', 'http-01'] : ['dns-01'],
    recommendedIPv4: [{ rank: 1, value: ['76.76.21.21'] }],
    recommendedCNAME: [{ rank: 1, value: 'cname.vercel-dns.com.' }],
    misconfigured: !configured,
  };
}
