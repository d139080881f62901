/**
 * Marker for an observed field whose value the platform will not reveal (an encrypted or sensitive
 * variable). It is plain JSON so observed specs stay serialisable.
 */
export const OPAQUE = Object.freeze({ opaque: true as const });
export type Opaque = typeof OPAQUE;

export function isOpaque(value: unknown): value is Opaque {
  return typeof value === 'object' && value !== null && (value as { opaque?: unknown }).opaque === true && Object.keys(value).length === 1;
}

/** A desired value that depends on a resource not created yet. */
export const KNOWN_AFTER_APPLY = Object.freeze({ knownAfterApply: true as const });

export function isKnownAfterApply(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { knownAfterApply?: unknown }).knownAfterApply === true;
}

/**
 * Desired-side value sources. Adapters put these in desired specs; the core resolves them before
 * diffing and applying, so adapters never read process.env or other platforms' outputs themselves.
 *
 * - PRESENCE_ONLY (`secret` in YAML): the value lives outside git; equal to whatever the platform
 *   holds. A create of such a resource cannot be applied: the plan reports it as a problem.
 * - `{ fromEnv }`: resolved to a `Secret` from gitplane's process environment.
 * - `{ ref }`: resolved to another resource's output, or KNOWN_AFTER_APPLY until it exists.
 */
export const PRESENCE_ONLY = Object.freeze({ presenceOnly: true as const });

export function isPresenceOnly(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { presenceOnly?: unknown }).presenceOnly === true;
}

export interface FromEnvSource {
  fromEnv: string;
}

export function fromEnv(variable: string): FromEnvSource {
  return { fromEnv: variable };
}

export function isFromEnv(value: unknown): value is FromEnvSource {
  return typeof value === 'object' && value !== null && typeof (value as { fromEnv?: unknown }).fromEnv === 'string';
}

export interface RefSource {
  ref: { address: string; output: string; expression: string };
}

export function refTo(address: string, output: string, expression: string): RefSource {
  return { ref: { address, output, expression } };
}

export function isRef(value: unknown): value is RefSource {
  return typeof value === 'object' && value !== null && typeof (value as { ref?: unknown }).ref === 'object';
}
