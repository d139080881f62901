import { TerminalError } from '../errors.js';
import type { PlatformId } from '../model/environment.js';
import { addressOf, type ResourceKey } from './types.js';

export { addressOf };

const PLATFORMS: readonly PlatformId[] = ['railway', 'vercel', 'sentry', 'uptimerobot'];

/**
 * `--target` accepts a full address (`vercel.env.web.API_URL`) or any prefix of it on segment
 * boundaries (`vercel`, `vercel.env`, `vercel.env.web`).
 */
export function parseTarget(target: string): string {
  const trimmed = target.trim();
  const platform = trimmed.split('.')[0] ?? '';
  if (!PLATFORMS.includes(platform as PlatformId)) {
    throw new TerminalError(`--target ${JSON.stringify(target)} is not a resource address`, {
      hint: `an address starts with one of ${PLATFORMS.join(', ')}, e.g. vercel.project.web or vercel.env.web.API_URL`,
    });
  }
  return trimmed;
}

export function matchesTarget(address: string, targets: readonly string[]): boolean {
  if (targets.length === 0) return true;
  return targets.some((target) => address === target || address.startsWith(`${target}.`));
}

export function keyFromAddress(env: string, address: string): ResourceKey | undefined {
  const [platform, kind, ...rest] = address.split('.');
  if (!platform || !kind || rest.length === 0 || !PLATFORMS.includes(platform as PlatformId)) return undefined;
  return { env, platform: platform as PlatformId, kind, name: rest.join('.') };
}
