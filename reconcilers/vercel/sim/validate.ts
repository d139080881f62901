import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import schemas from './request-schemas.json' with { type: 'json' };

/**
 * Request-body validation with the schemas copied from the OpenAPI subset into
 * request-schemas.json (its `$comment` says where from and what was changed). Validated with ajv
 * rather than hand-written checks, so the simulator refuses exactly what the published schema
 * refuses, plus unknown fields everywhere.
 */
export type OperationId = keyof typeof schemas.operations;

export type BodyValidator = (operation: OperationId, body: unknown) => string | undefined;

export function createBodyValidator(): BodyValidator {
  // strict: false because the OpenAPI schemas use OpenAPI keywords (`nullable` is understood by
  // ajv; the rest are annotations), not pure JSON Schema.
  const ajv = new Ajv({ strict: false, allErrors: true });
  const compiled = new Map<OperationId, ValidateFunction>();
  for (const [operation, entry] of Object.entries(schemas.operations)) compiled.set(operation as OperationId, ajv.compile(entry.schema));
  return (operation, body) => {
    const validate = compiled.get(operation)!;
    if (validate(body)) return undefined;
    return describe(validate.errors ?? []);
  };
}

/**
 * One line in the spirit of Vercel's `bad_request` messages. Never includes the offending data:
 * a rejected body may hold a secret value.
 */
function describe(errors: readonly ErrorObject[]): string {
  const relevant = errors.filter((error) => error.keyword !== 'oneOf' && !(error.keyword === 'type' && error.instancePath === ''));
  const unknown = relevant.find((error) => error.keyword === 'additionalProperties');
  const chosen = unknown ?? relevant[0] ?? errors[0];
  if (!chosen) return 'Invalid request body.';
  const where = chosen.instancePath ? `\`${chosen.instancePath.slice(1).replaceAll('/', '.')}\`` : 'body';
  if (chosen.keyword === 'additionalProperties') {
    const property = (chosen.params as { additionalProperty: string }).additionalProperty;
    return `Invalid request: ${where} should NOT have additional property \`${property}\`.`;
  }
  return `Invalid request: ${where} ${chosen.message ?? 'is invalid'}.`;
}
