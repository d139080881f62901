import { isSecret, Secret } from '../secret.js';
import { isKnownAfterApply, isOpaque, isPresenceOnly } from './spec-values.js';

/**
 * Equality of one desired field against the observed one, with the rules of spec-values.ts:
 * presence-only and opaque values match anything, "known after apply" never matches, Secrets are
 * compared by fingerprint (against Secrets or the plain strings some platforms return).
 */
export function valuesEqual(desired: unknown, observed: unknown): boolean {
  if (isPresenceOnly(desired) || isOpaque(observed)) return true;
  if (isKnownAfterApply(desired)) return false;
  if (isSecret(desired) || isSecret(observed)) {
    const left = toSecret(desired);
    const right = toSecret(observed);
    return left !== undefined && right !== undefined && left.equals(right);
  }
  if (desired === undefined || desired === null) return observed === undefined || observed === null;
  if (Array.isArray(desired)) {
    return Array.isArray(observed) && desired.length === observed.length && desired.every((item, index) => valuesEqual(item, observed[index]));
  }
  if (typeof desired === 'object') {
    if (typeof observed !== 'object' || observed === null || Array.isArray(observed)) return false;
    const observedRecord = observed as Record<string, unknown>;
    return Object.entries(desired as Record<string, unknown>).every(([key, value]) => valuesEqual(value, observedRecord[key]));
  }
  return desired === observed;
}

function toSecret(value: unknown): Secret | undefined {
  if (isSecret(value)) return value;
  if (typeof value === 'string') return new Secret(value);
  return undefined;
}

/** Top-level fields of the desired spec that differ from the observed spec. */
export function differingFields(desired: Readonly<Record<string, unknown>>, observed: Readonly<Record<string, unknown>>, ignore: readonly string[] = []): string[] {
  return Object.keys(desired).filter((field) => !ignore.includes(field) && !valuesEqual(desired[field], observed[field]));
}
