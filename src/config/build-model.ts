import type {
  DeclaredDomain,
  DeclaredMonitor,
  DeclaredSentryProject,
  DeclaredService,
  DeclaredVariable,
  EnvironmentModel,
  EnvironmentPolicy,
  RailwaySettings,
  SentryAlertRule,
  SentryConfig,
  SourceLocation,
  VariableSource,
  VercelSettings,
} from '../model/environment.js';
import type { Diagnostic } from './diagnostic.js';
import type { AlertRuleDoc, DomainDoc, EnvironmentDoc, MonitorDoc, RailwayDoc, ServiceDoc, VariableDoc, VercelDoc } from './document.js';
import { childPointer } from './json-pointer.js';
import { ModelSources, type Origin } from './model-sources.js';
import type { PositionIndex } from './position-index.js';
import { parseReference } from './references.js';

/** One schema-valid file of an environment. */
export interface Fragment {
  file: string;
  doc: EnvironmentDoc;
  index: PositionIndex;
}

export const DEFAULT_POLICY: EnvironmentPolicy = { maxDeleteFraction: 0.5, selfHeal: false };
export const DEFAULT_MONITOR_INTERVAL = 300;

export interface BuiltModel {
  model: EnvironmentModel;
  sources: ModelSources;
  diagnostics: Diagnostic[];
}

/**
 * Builds the environment model from its schema-valid files, filling defaults. Several files (the
 * `environments/<name>/` form) are merged: services, monitors and Sentry projects are concatenated
 * and a name declared twice is an error pointing at both places.
 */
export function buildModel(name: string, fragments: readonly Fragment[]): BuiltModel {
  const sources = new ModelSources();
  const diagnostics: Diagnostic[] = [];
  const model: EnvironmentModel = { name, files: fragments.map((f) => f.file), services: [], monitors: [], policy: { ...DEFAULT_POLICY } };
  const policySetAt = new Map<string, Origin>();
  const servicesByName = new Map<string, DeclaredService>();
  const projectsByName = new Map<string, DeclaredSentryProject>();

  for (const fragment of fragments) {
    const { doc } = fragment;
    const origin = (pointer: string): Origin => ({ file: fragment.file, pointer, index: fragment.index, data: doc });
    const keyLocation = (pointer: string) => sources.location(origin(pointer), pointer, 'key');
    const valueLocation = (pointer: string) => sources.location(origin(pointer), pointer, 'value');
    const duplicate = (obj: object, what: string, first: SourceLocation): void => {
      const message = `${what} already declared at ${first.file}:${first.line}:${first.column}`;
      diagnostics.push(sources.diagnostic(obj, [], { code: `duplicate-${what.replace(/ /g, '-')}`, message }));
    };

    for (const [serviceName, serviceDoc] of Object.entries(doc.services ?? {})) {
      const pointer = childPointer('/services', serviceName);
      const service = sources.register(buildService(serviceName, serviceDoc, pointer, { environment: name, origin, keyLocation, valueLocation, sources, diagnostics }), origin(pointer));
      const existing = servicesByName.get(serviceName);
      if (existing !== undefined) duplicate(service, 'service', existing.location);
      else {
        servicesByName.set(serviceName, service);
        model.services.push(service);
      }
    }

    (doc.monitors ?? []).forEach((m, i) => {
      const pointer = childPointer('/monitors', i);
      model.monitors.push(sources.register(buildMonitor(m, valueLocation(pointer)), origin(pointer)));
    });

    if (doc.sentry !== undefined) {
      const sentry: SentryConfig = model.sentry ?? sources.register({ organization: doc.sentry.organization, teams: [], projects: [], location: keyLocation('/sentry') }, origin('/sentry'));
      if (model.sentry !== undefined && model.sentry.organization !== doc.sentry.organization) {
        diagnostics.push(sources.diagnosticAt(origin('/sentry/organization'), { code: 'conflicting-sentry-organization', message: `organization differs from "${model.sentry.organization}" declared in ${model.sentry.location.file}`, at: 'value' }));
      }
      const teams = new Set(sentry.teams);
      for (const team of doc.sentry.teams ?? []) {
        if (!teams.has(team)) sentry.teams.push(team);
        teams.add(team);
      }
      for (const [projectName, p] of Object.entries(doc.sentry.projects ?? {})) {
        const pointer = childPointer('/sentry/projects', projectName);
        const project: DeclaredSentryProject = sources.register(
          {
            name: projectName,
            team: p.team,
            platform: p.platform,
            alertRules: (p.alertRules ?? []).map((r, i) => {
              const rulePointer = childPointer(childPointer(pointer, 'alertRules'), i);
              return sources.register(buildAlertRule(r, valueLocation(rulePointer)), origin(rulePointer));
            }),
            location: keyLocation(pointer),
          },
          origin(pointer),
        );
        const existing = projectsByName.get(projectName);
        if (existing !== undefined) duplicate(project, 'sentry project', existing.location);
        else {
          projectsByName.set(projectName, project);
          sentry.projects.push(project);
        }
      }
      model.sentry = sentry;
    }

    for (const key of ['maxDeleteFraction', 'selfHeal'] as const) {
      const value = doc.policy?.[key];
      if (value === undefined) continue;
      const first = policySetAt.get(key);
      if (first !== undefined) {
        diagnostics.push(sources.diagnosticAt(origin(`/policy/${key}`), { code: 'duplicate-policy', message: `policy ${key} already set in ${first.file}` }));
        continue;
      }
      policySetAt.set(key, origin(`/policy/${key}`));
      if (key === 'selfHeal') model.policy.selfHeal = value as boolean;
      else model.policy.maxDeleteFraction = value as number;
    }
  }
  return { model, sources, diagnostics };
}

type Locate = (pointer: string) => SourceLocation;

interface FragmentContext {
  environment: string;
  origin: (pointer: string) => Origin;
  keyLocation: Locate;
  valueLocation: Locate;
  sources: ModelSources;
  diagnostics: Diagnostic[];
}

function buildService(name: string, doc: ServiceDoc, pointer: string, ctx: FragmentContext): DeclaredService {
  const { environment, origin, keyLocation, valueLocation, sources, diagnostics } = ctx;
  const domains = (doc.domains ?? []).map((d, i) => {
    const p = childPointer(childPointer(pointer, 'domains'), i);
    return sources.register(buildDomain(d, valueLocation(p)), origin(p));
  });
  const variables: DeclaredVariable[] = [];
  for (const [varName, v] of Object.entries(doc.env ?? {})) {
    const p = childPointer(childPointer(pointer, 'env'), varName);
    const variable = sources.register({ name: varName, source: { kind: 'secret' } as VariableSource, location: keyLocation(p) }, origin(p));
    const source = buildVariableSource(v);
    if (source === undefined) {
      diagnostics.push(
        sources.diagnostic(variable, ['ref'], {
          code: 'ref-unknown-platform',
          message: `ref "${typeof v === 'object' && 'ref' in v ? v.ref : ''}": only sentry, railway and vercel resources expose outputs`,
          hint: 'e.g. sentry.<project>.dsn or railway.<service>.domain',
        }),
      );
      continue;
    }
    variable.source = source;
    variables.push(variable);
  }
  const base = { name, domains, variables, location: keyLocation(pointer) };
  // The schema guarantees the block matching `platform` is present.
  if (doc.platform === 'railway') return { ...base, platform: 'railway', railway: buildRailway(doc.railway as RailwayDoc, environment) };
  return { ...base, platform: 'vercel', vercel: buildVercel(doc.vercel as VercelDoc) };
}

function buildDomain(d: DomainDoc, location: DeclaredDomain['location']): DeclaredDomain {
  if (typeof d === 'string') return { name: d, location };
  return {
    name: d.name,
    ...(d.redirect === undefined ? {} : { redirect: d.redirect }),
    ...(d.redirectStatusCode === undefined ? {} : { redirectStatusCode: d.redirectStatusCode }),
    location,
  };
}

function buildVariableSource(v: VariableDoc): VariableSource | undefined {
  if (v === 'secret') return { kind: 'secret' };
  if ('fromEnv' in v) return { kind: 'fromEnv', variable: v.fromEnv };
  if ('value' in v) return { kind: 'value', value: v.value };
  const ref = parseReference(v.ref);
  return ref === undefined ? undefined : { kind: 'ref', ref };
}

function buildRailway(doc: RailwayDoc, environment: string): RailwaySettings {
  const out: RailwaySettings = { project: doc.project, environment: doc.environment ?? environment };
  if (doc.source !== undefined) {
    const s = doc.source;
    out.source =
      'image' in s
        ? { kind: 'image', image: s.image }
        : { kind: 'repo', repo: s.repo, ...(s.branch === undefined ? {} : { branch: s.branch }), ...(s.rootDirectory === undefined ? {} : { rootDirectory: s.rootDirectory }) };
  }
  if (doc.healthcheck !== undefined) out.healthcheck = { ...doc.healthcheck };
  if (doc.replicas !== undefined) out.replicas = doc.replicas;
  if (doc.restartPolicy !== undefined) out.restartPolicy = { ...doc.restartPolicy };
  for (const key of ['startCommand', 'buildCommand', 'region'] as const) {
    const value = doc[key];
    if (value !== undefined) out[key] = value;
  }
  if (doc.serviceDomain !== undefined) out.serviceDomain = doc.serviceDomain;
  return out;
}

function buildVercel(doc: VercelDoc): VercelSettings {
  const out: VercelSettings = { project: doc.project, target: doc.target };
  if (doc.gitBranch !== undefined) out.gitBranch = doc.gitBranch;
  // Present-but-null and absent mean different things (reset to default vs not managed).
  for (const key of ['framework', 'buildCommand', 'installCommand', 'outputDirectory', 'rootDirectory'] as const) {
    if (doc[key] !== undefined) out[key] = doc[key];
  }
  if (doc.gitRepository !== undefined) out.gitRepository = { ...doc.gitRepository };
  return out;
}

function buildMonitor(m: MonitorDoc, location: DeclaredMonitor['location']): DeclaredMonitor {
  return {
    name: m.name,
    url: m.url,
    type: m.type,
    interval: m.interval ?? DEFAULT_MONITOR_INTERVAL,
    alertContacts: [...(m.alertContacts ?? [])],
    ...(m.keyword === undefined ? {} : { keyword: { ...m.keyword } }),
    ...(m.port === undefined ? {} : { port: m.port }),
    location,
  };
}

function buildAlertRule(r: AlertRuleDoc, location: SentryAlertRule['location']): SentryAlertRule {
  return {
    name: r.name,
    kind: r.kind,
    ...(r.threshold === undefined ? {} : { threshold: r.threshold }),
    ...(r.windowMinutes === undefined ? {} : { windowMinutes: r.windowMinutes }),
    ...(r.aggregate === undefined ? {} : { aggregate: r.aggregate }),
    ...(r.notify === undefined ? {} : { notify: [...r.notify] }),
    location,
  };
}
