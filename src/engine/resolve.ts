import { Secret } from '../secret.js';
import { isFromEnv, isRef, KNOWN_AFTER_APPLY, PRESENCE_ONLY } from './spec-values.js';
import type { Desired, OutputLookup, PlatformId, Spec } from './types.js';

export interface ResolvedDesired {
  desired: Desired;
  /** The spec with value sources replaced: Secrets, output strings, PRESENCE_ONLY or KNOWN_AFTER_APPLY. */
  spec: Spec;
  /** Addresses this resource references (added to its dependencies). */
  references: string[];
  warnings: string[];
}

export interface ResolveInputs {
  processEnv: Readonly<Record<string, string | undefined>>;
  outputs: OutputLookup;
  /** Platforms gitplane can reconcile in this run; a reference to another one cannot be resolved. */
  managedPlatforms: ReadonlySet<PlatformId>;
}

/**
 * Replaces `fromEnv` and `ref` sources by values. The core does this, not adapters, so that secrets
 * are read from the process environment in one place and references work across platforms.
 *
 * A `fromEnv` variable that is not set, or a reference to a platform this version does not manage,
 * degrades to presence-only with a warning: the plan can still say whether the variable exists, and
 * a create that would need the value is blocked rather than sent with a wrong one.
 */
export function resolveDesired(desired: Desired, inputs: ResolveInputs): ResolvedDesired {
  const spec: Record<string, unknown> = {};
  const references: string[] = [];
  const warnings: string[] = [];
  const label = `${desired.key.platform}.${desired.key.kind}.${desired.key.name}`;

  for (const [field, value] of Object.entries(desired.spec)) {
    if (isFromEnv(value)) {
      const raw = inputs.processEnv[value.fromEnv];
      if (raw === undefined || raw === '') {
        warnings.push(`${label}: ${value.fromEnv} is not set in gitplane's environment, so the value cannot be set or compared (only its presence is checked)`);
        spec[field] = PRESENCE_ONLY;
      } else {
        spec[field] = new Secret(raw);
      }
    } else if (isRef(value)) {
      const { address, output, expression } = value.ref;
      const platform = address.split('.')[0] as PlatformId;
      if (!inputs.managedPlatforms.has(platform)) {
        warnings.push(`${label}: ${expression} refers to ${platform}, which this version of gitplane does not manage; the variable must already exist (only its presence is checked)`);
        spec[field] = PRESENCE_ONLY;
        continue;
      }
      references.push(address);
      const resolved = inputs.outputs.get(address, output);
      // Outputs can be credentials (a DSN carries a key): keep them out of every printout.
      spec[field] = resolved === undefined ? KNOWN_AFTER_APPLY : new Secret(resolved);
    } else {
      spec[field] = value;
    }
  }
  return { desired, spec, references, warnings };
}
