import { readFileSync } from 'node:fs';
import { Ajv2020, type AnySchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { schemaPath } from './repo-root.js';

export type JsonSchema = AnySchemaObject;

interface CompiledSchema {
  root: JsonSchema;
  ajv: Ajv2020;
  validate: ValidateFunction;
  /** JSON Pointer of every subschema object inside the root, to compile a single branch on demand. */
  pointers: WeakMap<object, string>;
}

let compiled: CompiledSchema | undefined;

/**
 * The environment schema, read from the package's `schema/` directory (the file editors and the
 * docs use, so there is one source of truth) and compiled once per process.
 */
export function compiledSchema(): CompiledSchema {
  if (compiled !== undefined) return compiled;
  const root = JSON.parse(readFileSync(schemaPath(), 'utf8')) as JsonSchema;
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    // `then: { required: [railway] }` names a property declared by the surrounding schema, which
    // strictRequired cannot see; everything else stays strict.
    strictRequired: false,
    // `type: [string, null]` is how the schema says "null means reset to the platform default".
    allowUnionTypes: true,
    // parentSchema and data are what the error explainer needs to name what was expected.
    verbose: true,
  });
  // ajv calls a referenced schema as a separate function and concatenates its errors into the
  // caller's list, which is quadratic in the number of errors (a file with 30,000 mistyped
  // variables took minutes). Compiling a copy with every local $ref substituted keeps it linear.
  const compiledRoot = dereference(root);
  ajv.addSchema(compiledRoot);
  const validate = ajv.getSchema(root.$id as string);
  if (validate === undefined) throw new Error('environment schema failed to compile');
  compiled = { root: compiledRoot, ajv, validate, pointers: indexPointers(compiledRoot) };
  return compiled;
}

/**
 * A copy of the schema with each local `$ref` replaced by its target, the referring schema's own
 * annotations (description, default) kept on top. The environment schema has no recursive
 * references, so this terminates; a depth guard makes sure of it.
 */
export function dereference(root: JsonSchema): JsonSchema {
  const copy = (node: unknown, depth: number): unknown => {
    if (depth > 64) throw new Error('environment schema: $ref nesting too deep (recursive reference?)');
    if (Array.isArray(node)) return node.map((n) => copy(n, depth + 1));
    if (node === null || typeof node !== 'object') return node;
    const { $ref, ...rest } = node as JsonSchema;
    const own = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === 'enum' || k === 'const' || k === 'examples' || k === 'default' ? v : copy(v, depth + 1)]));
    if (typeof $ref !== 'string') return own;
    const target = pointerGet(root, $ref.replace(/^#/, ''));
    if (target === undefined) throw new Error(`environment schema: unresolved $ref ${$ref}`);
    return { ...(copy(target, depth + 1) as JsonSchema), ...own };
  };
  return copy(root, 0) as JsonSchema;
}

function indexPointers(root: JsonSchema): WeakMap<object, string> {
  const map = new WeakMap<object, string>();
  const walk = (node: unknown, pointer: string): void => {
    if (node === null || typeof node !== 'object') return;
    if (!Array.isArray(node)) map.set(node, pointer);
    for (const [k, v] of Object.entries(node)) walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  walk(root, '');
  return map;
}

/** A validator for `parent[keyword][index]` (a oneOf branch), or undefined if it cannot be located. */
export function branchValidator(parent: object, keyword: string, index: number): ValidateFunction | undefined {
  const { ajv, pointers, root } = compiledSchema();
  const pointer = pointers.get(parent);
  if (pointer === undefined) return undefined;
  return ajv.getSchema(`${root.$id as string}#${pointer}/${keyword}/${index}`);
}

/** Follows a local `$ref` (`#/$defs/x`), keeping the referring schema's own annotations on top. */
export function resolveSchema(schema: JsonSchema, root: JsonSchema = compiledSchema().root): JsonSchema {
  let current = schema;
  const annotations: JsonSchema = {};
  for (let depth = 0; depth < 16 && typeof current.$ref === 'string'; depth++) {
    for (const k of ['title', 'description', 'default', 'examples']) if (current[k] !== undefined && annotations[k] === undefined) annotations[k] = current[k];
    const target = pointerGet(root, current.$ref.replace(/^#/, ''));
    if (target === undefined) break;
    current = target;
  }
  return { ...current, ...annotations, $ref: undefined };
}

function pointerGet(root: JsonSchema, pointer: string): JsonSchema | undefined {
  let node: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[k];
  }
  return node !== null && typeof node === 'object' ? (node as JsonSchema) : undefined;
}
