import type { ResourceKey } from '../../src/engine/types.js';
import type { RestartPolicyTypeEnum } from './api-types.js';

export const RAILWAY_KINDS = ['service', 'instance', 'variable', 'domain'] as const;
export type RailwayKind = (typeof RAILWAY_KINDS)[number];

/** Key name of the generated `*.up.railway.app` domain of a service: `<service>.railway`. */
export const GENERATED_DOMAIN_NAME = 'railway';

/**
 * Where a resource lives on Railway. Desired specs carry the project and environment as written
 * in YAML (name or id); observed specs carry the ids found. It is in every spec (and ignored by
 * the diff, see diffPolicy) so that the inventory's copy of a spec is enough to find the resource
 * again once its service is gone from the YAML.
 */
export type RailwayScope = {
  project: string;
  environment: string;
  projectId?: string;
  environmentId?: string;
  serviceId?: string;
};

/**
 * `railway.service.<service>`. The source is flattened into top-level fields so that the diff,
 * which compares only the fields the desired spec has, does not flag a branch that YAML leaves
 * unset. `branch` lives in the environment's deployment trigger, repo/image in the instance.
 */
export type ServiceSpec = {
  scope: RailwayScope;
  name: string;
  repo?: string | null;
  branch?: string | null;
  image?: string | null;
};

/** `railway.instance.<service>`: per-environment settings, named as ServiceInstanceUpdateInput names them. */
export type InstanceSpec = {
  scope: RailwayScope;
  healthcheckPath?: string | null;
  healthcheckTimeout?: number | null;
  numReplicas?: number | null;
  restartPolicyType?: RestartPolicyTypeEnum;
  restartPolicyMaxRetries?: number;
  startCommand?: string | null;
  buildCommand?: string | null;
  rootDirectory?: string | null;
  region?: string | null;
};

export const INSTANCE_SETTING_FIELDS = [
  'healthcheckPath',
  'healthcheckTimeout',
  'numReplicas',
  'restartPolicyType',
  'restartPolicyMaxRetries',
  'startCommand',
  'buildCommand',
  'rootDirectory',
  'region',
] as const;

/**
 * `railway.variable.<service>.<NAME>`. Desired `value` is a string, PRESENCE_ONLY, fromEnv() or
 * refTo() (resolved by the core to a Secret or a string before apply); observed `value` is
 * always a Secret, or OPAQUE when Railway withholds it.
 */
export type VariableSpec = {
  scope: RailwayScope;
  name: string;
  value: unknown;
};

/**
 * `railway.domain.<service>.<domain>` (custom) or `railway.domain.<service>.railway` (generated).
 * A generated domain's name is chosen by Railway, so its desired spec says only `generated: true`.
 */
export type DomainSpec = {
  scope: RailwayScope;
  generated?: boolean;
  domain?: string;
  targetPort?: number | null;
};

export type RailwaySpec = ServiceSpec | InstanceSpec | VariableSpec | DomainSpec;

export function railwayKey(env: string, kind: RailwayKind, name: string): ResourceKey {
  return { env, platform: 'railway', kind, name };
}

/** The YAML service a key belongs to: the first dotted segment (service names have no dots). */
export function serviceOf(key: ResourceKey): string {
  const dot = key.name.indexOf('.');
  return dot === -1 ? key.name : key.name.slice(0, dot);
}

/** The part after `<service>.`: a variable's name or a domain's name. */
export function childOf(key: ResourceKey): string {
  const dot = key.name.indexOf('.');
  return dot === -1 ? '' : key.name.slice(dot + 1);
}

export function scopeOf(spec: unknown): RailwayScope | undefined {
  const scope = (spec as { scope?: unknown } | undefined)?.scope as RailwayScope | undefined;
  if (!scope || typeof scope.project !== 'string' || typeof scope.environment !== 'string') return undefined;
  return scope;
}
