import { isKnownAfterApply, isOpaque, isPresenceOnly } from '../engine/spec-values.js';
import { isSecret } from '../secret.js';

/**
 * Spec values as people and JSON consumers see them. Secrets and values the platform hides never
 * reach output: they become fixed placeholders here, whatever renderer asks.
 */
export function displayValue(value: unknown): unknown {
  if (isSecret(value)) return '(sensitive)';
  if (isOpaque(value)) return '(hidden by the platform)';
  if (isPresenceOnly(value)) return '(secret, set outside git)';
  if (isKnownAfterApply(value)) return '(known after apply)';
  if (Array.isArray(value)) return value.map(displayValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, displayValue(v)]));
  }
  return value;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  const shown = displayValue(value);
  if (typeof shown === 'string' && shown.startsWith('(') && shown.endsWith(')') && shown !== value) return shown;
  return JSON.stringify(shown);
}
