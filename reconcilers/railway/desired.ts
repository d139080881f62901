import { addressOf, type Desired } from '../../src/engine/types.js';
import { fromEnv, PRESENCE_ONLY, refTo } from '../../src/engine/spec-values.js';
import type { DeclaredVariable, EnvironmentModel, RailwayService, RestartPolicyType } from '../../src/model/environment.js';
import type { RestartPolicyTypeEnum } from './api-types.js';
import {
  GENERATED_DOMAIN_NAME,
  railwayKey,
  type DomainSpec,
  type InstanceSpec,
  type RailwayScope,
  type RailwaySpec,
  type ServiceSpec,
  type VariableSpec,
} from './specs.js';

const RESTART_POLICY: Readonly<Record<RestartPolicyType, RestartPolicyTypeEnum>> = {
  always: 'ALWAYS',
  never: 'NEVER',
  on_failure: 'ON_FAILURE',
};

/** Pure: the Railway resources one environment declares. */
export function railwayDesired(env: EnvironmentModel): Desired<RailwaySpec>[] {
  const result: Desired<RailwaySpec>[] = [];
  for (const service of env.services) {
    if (service.platform === 'railway') result.push(...serviceResources(env.name, service));
  }
  return result;
}

function serviceResources(envName: string, service: RailwayService): Desired<RailwaySpec>[] {
  const settings = service.railway;
  const scope: RailwayScope = { project: settings.project, environment: settings.environment };
  const serviceKey = railwayKey(envName, 'service', service.name);
  const parent = [addressOf(serviceKey)];
  const location = service.location;
  const result: Desired<RailwaySpec>[] = [];

  const serviceSpec: ServiceSpec = { scope, name: service.name };
  if (settings.source?.kind === 'repo') {
    serviceSpec.repo = settings.source.repo;
    if (settings.source.branch !== undefined) serviceSpec.branch = settings.source.branch;
  } else if (settings.source?.kind === 'image') {
    serviceSpec.image = settings.source.image;
  }
  result.push({ key: serviceKey, spec: serviceSpec, source: location, dependsOn: [] });

  const instance = instanceSpec(scope, service);
  if (instance) result.push({ key: railwayKey(envName, 'instance', service.name), spec: instance, source: location, dependsOn: parent });

  for (const variable of service.variables) {
    const spec: VariableSpec = { scope, name: variable.name, value: variableValue(variable) };
    result.push({ key: railwayKey(envName, 'variable', `${service.name}.${variable.name}`), spec, source: variable.location, dependsOn: parent });
  }

  for (const domain of service.domains) {
    const spec: DomainSpec = { scope, domain: domain.name };
    result.push({ key: railwayKey(envName, 'domain', `${service.name}.${domain.name}`), spec, source: domain.location, dependsOn: parent });
  }
  if (settings.serviceDomain) {
    const spec: DomainSpec = { scope, generated: true };
    result.push({ key: railwayKey(envName, 'domain', `${service.name}.${GENERATED_DOMAIN_NAME}`), spec, source: location, dependsOn: parent });
  }
  return result;
}

/** Only the settings YAML declares: the others stay unmanaged. Undefined when none are declared. */
function instanceSpec(scope: RailwayScope, service: RailwayService): InstanceSpec | undefined {
  const s = service.railway;
  const spec: InstanceSpec = { scope };
  if (s.healthcheck) {
    spec.healthcheckPath = s.healthcheck.path;
    if (s.healthcheck.timeoutSeconds !== undefined) spec.healthcheckTimeout = s.healthcheck.timeoutSeconds;
  }
  if (s.replicas !== undefined) spec.numReplicas = s.replicas;
  if (s.restartPolicy) {
    spec.restartPolicyType = RESTART_POLICY[s.restartPolicy.type];
    if (s.restartPolicy.maxRetries !== undefined) spec.restartPolicyMaxRetries = s.restartPolicy.maxRetries;
  }
  if (s.startCommand !== undefined) spec.startCommand = s.startCommand;
  if (s.buildCommand !== undefined) spec.buildCommand = s.buildCommand;
  if (s.source?.kind === 'repo' && s.source.rootDirectory !== undefined) spec.rootDirectory = s.source.rootDirectory;
  if (s.region !== undefined) spec.region = s.region;
  return Object.keys(spec).length > 1 ? spec : undefined;
}

/**
 * A literal `value:` is compared as written, including Railway references such as
 * `${{ Postgres.DATABASE_URL }}` (observe reads variables unrendered, so both sides are literal).
 */
function variableValue(variable: DeclaredVariable): unknown {
  const source = variable.source;
  switch (source.kind) {
    case 'value':
      return source.value;
    case 'secret':
      return PRESENCE_ONLY;
    case 'fromEnv':
      return fromEnv(source.variable);
    case 'ref':
      return refTo(`${source.ref.platform}.${source.ref.kind}.${source.ref.name}`, source.ref.output, source.ref.expression);
  }
}
