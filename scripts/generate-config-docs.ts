import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findPackageRoot } from '../src/config/repo-root.js';
import { resolveSchema, type JsonSchema } from '../src/config/schema.js';
import { describeSchema } from '../src/config/schema-describe.js';

/** Placeholders for map keys in headings, so `services.<service>.env.<VARIABLE>` reads as it is written. */
const MAP_PLACEHOLDERS: Readonly<Record<string, string>> = { services: '<service>', env: '<VARIABLE>', projects: '<project>' };

/**
 * docs/configuration.md, walked from the schema so that the reference cannot drift from what
 * `validate` enforces: one section per mapping, one row per key with its type, whether it is
 * required, its default and its description.
 */
export function renderConfigurationDocs(schema: JsonSchema): string {
  const out: string[] = [
    '# Configuration reference',
    '',
    '<!-- Generated from schema/environment.schema.json by scripts/generate-config-docs.ts (`npm run docs`). Do not edit by hand. -->',
    '',
    text(String(schema.description ?? '')),
    '',
    'A complete example is environments/production.yaml. Editors that understand JSON Schema (VS Code with the YAML extension, JetBrains IDEs) validate and complete these files when the file starts with:',
    '',
    '```yaml',
    '# yaml-language-server: $schema=../schema/environment.schema.json',
    '```',
  ];
  const seen = new Set<string>();

  const section = (path: string, node: JsonSchema, title?: string): void => {
    const s = resolveSchema(node, schema);
    const key = `${path}|${title ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((s.required ?? []) as string[]);
    out.push('', path === '' ? '## Top-level keys' : `## \`${path}\`${title === undefined ? '' : ` (${text(title)})`}`, '');
    if (typeof s.description === 'string' && path !== '') out.push(text(s.description), '');
    out.push('| Key | Type | Required | Default | Description |', '| --- | --- | --- | --- | --- |');
    for (const [name, prop] of Object.entries(props)) {
      if (prop === (false as unknown)) continue;
      const p = resolveSchema(prop, schema);
      const def = p.default === undefined ? '' : `\`${JSON.stringify(p.default)}\``;
      out.push(`| \`${name}\` | ${cell(describeSchema(prop, schema) + limits(p))} | ${required.has(name) ? 'yes' : ''} | ${def} | ${cell(String(p.description ?? ''))} |`);
    }
    for (const [name, prop] of Object.entries(props)) descend(`${path === '' ? '' : `${path}.`}${name}`, name, prop);
  };

  const descend = (path: string, name: string, node: JsonSchema): void => {
    const s = resolveSchema(node, schema);
    const branches = (s.oneOf ?? s.anyOf) as JsonSchema[] | undefined;
    if (Array.isArray(branches)) {
      out.push('', `## \`${path}\``, '');
      if (typeof s.description === 'string') out.push(text(s.description), '');
      out.push('One of these forms:', '', '| Form | Description |', '| --- | --- |');
      for (const branch of branches) {
        const b = resolveSchema(branch, schema);
        out.push(`| ${cell(describeSchema(branch, schema))} | ${cell(String(b.description ?? ''))} |`);
      }
      for (const branch of branches) {
        const b = resolveSchema(branch, schema);
        if (b.type === 'object' && b.properties !== undefined) section(path, branch, typeof b.title === 'string' ? b.title : undefined);
      }
      return;
    }
    if (s.type === 'object' && s.properties !== undefined) section(path, node);
    else if (s.type === 'object' && typeof s.additionalProperties === 'object') descend(`${path}.${MAP_PLACEHOLDERS[name] ?? '<name>'}`, name, s.additionalProperties as JsonSchema);
    else if (s.type === 'array' && typeof s.items === 'object') descend(`${path}[]`, name, s.items as JsonSchema);
  };

  section('', schema);
  return `${out.join('\n')}\n`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/** Markdown text: `<project>` outside code spans would be read as an HTML tag and vanish. */
function text(s: string): string {
  return oneLine(s)
    .split('`')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('`');
}

function cell(s: string): string {
  return text(s).replace(/\|/g, '\\|');
}

/** ` (1 to 100)`, ` (at least 30)`: the bounds a number must respect. */
function limits(s: JsonSchema): string {
  const min = typeof s.minimum === 'number' ? s.minimum : undefined;
  const max = typeof s.maximum === 'number' ? s.maximum : undefined;
  if (min !== undefined && max !== undefined) return ` (${min} to ${max})`;
  if (min !== undefined) return ` (at least ${min})`;
  if (max !== undefined) return ` (at most ${max})`;
  return '';
}

export function generateConfigDocs(root: string = findPackageRoot(import.meta.url)): string {
  const schema = JSON.parse(readFileSync(join(root, 'schema', 'environment.schema.json'), 'utf8')) as JsonSchema;
  const target = join(root, 'docs', 'configuration.md');
  writeFileSync(target, renderConfigurationDocs(schema));
  return target;
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(resolve(invokedPath)).href) {
  const target = generateConfigDocs();
  console.log(`wrote ${target}`);
}
