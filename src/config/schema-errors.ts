import type { ErrorObject } from 'ajv/dist/2020.js';
import { didYouMean } from './did-you-mean.js';
import { childPointer, parentPointer, parsePointer } from './json-pointer.js';
import { credentialKind } from './secret-guard.js';
import { branchValidator, resolveSchema, type JsonSchema } from './schema.js';
import { describeData, describeSchema, describeType, joinOr, quoteList } from './schema-describe.js';

/** A schema violation in terms a person can act on, positioned by JSON Pointer. */
export interface SchemaProblem {
  code: string;
  pointer: string;
  /** Point at the mapping key (unknown or missing keys) or at the value. */
  at: 'key' | 'value';
  message: string;
  hint?: string;
}

const UNION = new Set(['oneOf', 'anyOf']);

/**
 * Turns ajv's raw errors into one problem per mistake. ajv reports every failed branch of a
 * `oneOf` (a typo in `{ fromenv: X }` yields eight errors); this picks the branch the author was
 * evidently writing and explains only that one, or says which forms are accepted.
 */
export function explainSchemaErrors(errors: readonly ErrorObject[], limit = Number.POSITIVE_INFINITY): SchemaProblem[] {
  const out: SchemaProblem[] = [];

  // Outermost unions first; everything at or under a union's path is explained by its branch.
  const explained = new Set<string>();
  const unions = errors.filter((e) => UNION.has(e.keyword)).sort((a, b) => a.instancePath.length - b.instancePath.length);
  for (const union of unions) {
    if (out.length >= limit) break;
    if (underAny(union.instancePath, explained)) continue;
    explained.add(union.instancePath);
    out.push(...explainUnion(union));
  }
  const remaining = explained.size === 0 ? errors : errors.filter((e) => !underAny(e.instancePath, explained));

  // `then` errors carry the condition of their `if`, found by instance path and schema path.
  const conditions = new Map<string, string>();
  for (const e of remaining) {
    const phrase = e.keyword === 'if' ? conditionPhrase(e.parentSchema) : undefined;
    if (phrase !== undefined) conditions.set(`${e.instancePath}|${e.schemaPath.replace(/\/if$/, '')}/then/`, phrase);
  }
  const conditionOf = (e: ErrorObject): string | undefined => {
    if (conditions.size === 0) return undefined;
    for (let at = e.schemaPath.indexOf('/then/'); at !== -1; at = e.schemaPath.indexOf('/then/', at + 1)) {
      const prefix = e.schemaPath.slice(0, at + '/then/'.length);
      for (let p = e.instancePath; ; p = parentPointer(p)) {
        const phrase = conditions.get(`${p}|${prefix}`);
        if (phrase !== undefined) return phrase;
        if (p === '') break;
      }
    }
    return undefined;
  };

  for (const e of remaining) {
    if (out.length >= limit) break;
    if (e.keyword === 'if' || e.keyword === 'propertyNames') continue;
    out.push(explainOne(e, conditionOf(e)));
  }
  return out;
}

/** Whether `pointer` is one of `bases` or lies under one; walks up the pointer, not the set. */
function underAny(pointer: string, bases: ReadonlySet<string>): boolean {
  if (bases.size === 0) return false;
  for (let p = pointer; ; p = parentPointer(p)) {
    if (bases.has(p)) return true;
    if (p === '') return false;
  }
}

function explainOne(e: ErrorObject, when: string | undefined): SchemaProblem {
  const p = e.instancePath;
  const params = e.params as Record<string, unknown>;
  const parent = e.parentSchema === undefined ? {} : resolveSchema(e.parentSchema);
  const suffix = when === undefined ? '' : ` when ${when}`;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((parent.properties as object | undefined) ?? {});
      return withHint(
        { code: 'schema-unknown-key', pointer: childPointer(p, key), at: 'key', message: `unknown key ${quoteKey(key)}; expected ${allowed.length > 0 ? `one of ${allowed.join(', ')}` : 'no keys here'}` },
        didYouMean(key, allowed),
      );
    }
    case 'required':
      return { code: 'schema-missing-key', pointer: p, at: 'key', message: `missing required key "${String(params.missingProperty)}"${suffix}` };
    case 'false schema': {
      const key = parsePointer(p).at(-1) ?? '';
      return { code: 'schema-not-allowed', pointer: p, at: 'key', message: `key ${quoteKey(key)} is not allowed here${suffix}` };
    }
    case 'dependentRequired':
      return { code: 'schema-missing-key', pointer: p, at: 'key', message: `"${String(params.property)}" needs "${String(params.missingProperty)}" next to it` };
    case 'type': {
      const problem: SchemaProblem = { code: 'schema-type', pointer: p, at: 'value', message: `expected ${describeType(params.type)}, got ${describeData(e.data)}` };
      const wantsText = params.type === 'string' || (Array.isArray(params.type) && params.type.includes('string'));
      return wantsText && (typeof e.data === 'number' || typeof e.data === 'boolean') ? withHint(problem, 'put the value in quotes to make it text') : problem;
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [];
      const got = typeof e.data === 'string' ? didYouMean(e.data, allowed.map(String)) : undefined;
      return withHint({ code: 'schema-enum', pointer: p, at: 'value', message: `expected one of ${quoteList(allowed)}, got ${describeGiven(e.data)}` }, got);
    }
    case 'const':
      return { code: 'schema-enum', pointer: p, at: 'value', message: `expected ${JSON.stringify(params.allowedValue)}` };
    case 'pattern': {
      const expected = typeof parent.title === 'string' ? parent.title : `text matching ${String(params.pattern)}`;
      if (e.propertyName !== undefined) {
        return { code: 'schema-invalid-name', pointer: childPointer(p, e.propertyName), at: 'key', message: `invalid name ${quoteKey(e.propertyName)}: expected ${expected}` };
      }
      return { code: 'schema-pattern', pointer: p, at: 'value', message: `expected ${expected}` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { code: 'schema-range', pointer: p, at: 'value', message: `expected a value ${String(params.comparison)} ${String(params.limit)}, got ${describeGiven(e.data)}` };
    case 'minLength':
      return { code: 'schema-empty', pointer: p, at: 'value', message: params.limit === 1 ? 'must not be empty' : `expected at least ${String(params.limit)} characters` };
    case 'maxLength':
      return { code: 'schema-range', pointer: p, at: 'value', message: `expected at most ${String(params.limit)} characters` };
    case 'uniqueItems':
      return { code: 'schema-duplicate-item', pointer: childPointer(p, Number(params.i)), at: 'value', message: `duplicate of item ${Number(params.j) + 1} in the same list` };
    default:
      return { code: `schema-${e.keyword}`, pointer: p, at: 'value', message: e.message ?? `fails the "${e.keyword}" rule` };
  }
}

function explainUnion(union: ErrorObject): SchemaProblem[] {
  const parent = union.parentSchema;
  const branches = (parent?.[union.keyword] as JsonSchema[] | undefined) ?? [];
  const value = union.data;
  const expected = joinOr(branches.map((b) => describeSchema(b)));
  const generic = (hint?: string): SchemaProblem[] => [
    withHint({ code: 'schema-type', pointer: union.instancePath, at: 'value', message: `expected ${expected}, got ${describeData(value)}` }, hint),
  ];
  if (parent === undefined) return generic();

  const tried = branches.map((schema, i) => {
    const validate = branchValidator(parent, union.keyword, i);
    const valid = validate === undefined ? false : validate(value);
    // Copy at once: a compiled validator reuses its errors array on the next call.
    const errors = [...(validate?.errors ?? [])].map((e) => ({ ...e, instancePath: union.instancePath + e.instancePath }));
    const rootFailure = (k: string): boolean => errors.some((e) => e.instancePath === union.instancePath && e.keyword === k);
    return { schema: resolveSchema(schema), valid, errors, wrongType: validate === undefined || rootFailure('type'), wrongLiteral: rootFailure('const') || rootFailure('enum') };
  });
  if (tried.filter((t) => t.valid).length > 1) {
    return [{ code: 'schema-ambiguous', pointer: union.instancePath, at: 'value', message: `matches more than one of ${expected}` }];
  }
  const candidates = tried.filter((t) => !t.wrongType);

  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const score = (t: (typeof tried)[number]): number => {
      const props = Object.keys((t.schema.properties as object | undefined) ?? {});
      const required = (t.schema.required as string[] | undefined) ?? [];
      const complete = required.length > 0 && required.every((r) => keys.includes(r));
      return keys.filter((k) => props.includes(k)).length + (complete ? 1000 : 0);
    };
    const scored = candidates.map((t) => ({ t, s: score(t) })).sort((a, b) => b.s - a.s);
    const [first, second] = scored;
    if (first !== undefined && first.s > 0 && (second === undefined || second.s < first.s)) return explainSchemaErrors(first.t.errors);

    const allowed = [...new Set(candidates.flatMap((t) => Object.keys((t.schema.properties as object | undefined) ?? {})))];
    const unknown = keys.filter((k) => !allowed.includes(k));
    if (unknown.length > 0) {
      return unknown.map((k) =>
        withHint({ code: 'schema-unknown-key', pointer: childPointer(union.instancePath, k), at: 'key', message: `unknown key ${quoteKey(k)}; expected ${expected}` }, didYouMean(k, allowed)),
      );
    }
    const conflicting = candidates.filter((t) => score(t) >= 1000).flatMap((t) => (t.schema.required as string[] | undefined) ?? []);
    if (conflicting.length > 1) {
      return [{ code: 'schema-conflicting-keys', pointer: union.instancePath, at: 'value', message: `${quoteList([...new Set(conflicting)]).replace(/ or /, ' and ')} cannot be used together; expected ${expected}` }];
    }
    return generic();
  }

  const [only] = candidates;
  if (candidates.length === 1 && only !== undefined && !only.wrongLiteral) return explainSchemaErrors(only.errors);
  const literals = candidates.flatMap((t) => (t.schema.const !== undefined ? [String(t.schema.const)] : Array.isArray(t.schema.enum) ? t.schema.enum.map(String) : []));
  return generic(typeof value === 'string' ? didYouMean(value, literals) : undefined);
}

/** `platform is "railway"` from `if: { properties: { platform: { const: railway } } }`. */
function conditionPhrase(schema: JsonSchema | undefined): string | undefined {
  const props = (schema?.if as JsonSchema | undefined)?.properties as Record<string, JsonSchema> | undefined;
  if (props === undefined) return undefined;
  const parts = Object.entries(props)
    .filter(([, s]) => s.const !== undefined)
    .map(([k, s]) => `${k} is ${JSON.stringify(s.const)}`);
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

/**
 * Enumerated fields (platform, target, type) are not secret, but anything can be typed into them:
 * only short single-line text is echoed.
 */
function describeGiven(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && value.length <= 40 && /^[\w .:/-]*$/.test(value) && credentialKind(value) === undefined) return JSON.stringify(value);
  return describeData(value);
}

function quoteKey(key: string): string {
  return JSON.stringify(key.length > 60 ? `${key.slice(0, 57)}...` : key);
}

function withHint(problem: SchemaProblem, hint: string | undefined): SchemaProblem {
  return hint === undefined ? problem : { ...problem, hint };
}
