import { isPresenceOnly } from '../../src/engine/spec-values.js';
import { addressOf, type ReconcileContext, type ResourceKey } from '../../src/engine/types.js';
import { PlatformTerminalError, TerminalError } from '../../src/errors.js';
import type { VercelService } from '../../src/model/environment.js';
import { isSecret } from '../../src/secret.js';
import type { VercelCall } from './call.js';
import { serviceOf } from './specs.js';

export function callOf(ctx: ReconcileContext): VercelCall {
  return { http: ctx.http, signal: ctx.signal };
}

/** A change Vercel's API cannot make, or a resource in a state gitplane will not touch. */
export class VercelConflictError extends TerminalError {
  override readonly name: string = 'VercelConflictError';
}

export function declaredService(ctx: ReconcileContext, key: ResourceKey): VercelService | undefined {
  const name = serviceOf(key.name);
  return ctx.env.services.find((service): service is VercelService => service.platform === 'vercel' && service.name === name);
}

/**
 * The project a variable or domain change acts on: the id observe recorded when there is one (it
 * survives a service being removed from the YAML), else the declared service's project.
 */
export function projectFor(ctx: ReconcileContext, key: ResourceKey, observed?: unknown): string {
  const recorded = (observed as { projectId?: unknown } | undefined)?.projectId;
  if (typeof recorded === 'string' && recorded !== '') return recorded;
  const service = declaredService(ctx, key);
  if (service) return service.vercel.project;
  throw new TerminalError(`${addressOf(key)}: cannot tell which Vercel project it belongs to`, {
    hint: 'declare its service again, or run plan so gitplane re-reads the project',
  });
}

/**
 * The value to put in a request body. Only here is a Secret revealed, and only into the body the
 * HTTP client serialises. A value gitplane does not hold cannot be sent: say why instead.
 */
export function sendableValue(value: unknown, key: ResourceKey): string {
  if (typeof value === 'string') return value;
  if (isSecret(value)) return value.reveal();
  if (isPresenceOnly(value)) {
    throw new TerminalError(`${addressOf(key)}: its value is kept outside git, so gitplane cannot set it`, {
      hint: 'add the variable in the Vercel dashboard, or declare it with fromEnv so gitplane can set it',
    });
  }
  throw new TerminalError(`${addressOf(key)}: its value was not resolved before apply`, { hint: 'run plan again; if this persists it is a gitplane bug' });
}

/** Statuses Vercel uses for "it already exists": 400 (ENV_CONFLICT, domain on this project), 403 (env exists), 409. */
export function isExistsConflict(error: unknown): error is PlatformTerminalError {
  if (!(error instanceof PlatformTerminalError)) return false;
  const status = error.details.status;
  return status === 400 || status === 403 || status === 409;
}
