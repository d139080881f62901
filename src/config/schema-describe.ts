import { resolveSchema, type JsonSchema } from './schema.js';

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'null',
};

export function describeType(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return joinOr(types.map((t) => TYPE_NAMES[String(t)] ?? String(t)));
}

/** What a value is, without echoing it: error messages must never repeat a possible secret. */
export function describeData(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return 'true/false';
  return 'text';
}

export function quoteList(values: readonly unknown[]): string {
  return joinOr(values.map((v) => JSON.stringify(v)));
}

export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]!}`;
}

/**
 * A short phrase for what a schema accepts, used after "expected" in error messages and in the
 * type column of the reference docs: its title when it has one, otherwise built from its type,
 * constant, enumeration or branches.
 */
export function describeSchema(schema: JsonSchema, root?: JsonSchema): string {
  const s = resolveSchema(schema, root);
  if (typeof s.title === 'string') return s.title;
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return `one of ${quoteList(s.enum)}`;
  const branches = (s.oneOf ?? s.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches)) return joinOr(branches.map((b) => describeSchema(b, root)));
  if (s.type === 'array' && s.items !== undefined && typeof s.items === 'object') return `list of ${describeSchema(s.items as JsonSchema, root)}`;
  if (s.type === 'object' && s.additionalProperties !== undefined && typeof s.additionalProperties === 'object') {
    return `mapping of name to ${describeSchema(s.additionalProperties as JsonSchema, root)}`;
  }
  if (s.type !== undefined) return describeType(s.type);
  return 'any value';
}
