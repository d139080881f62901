import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadEnvironments } from '../../src/config/index.js';
import { envDir } from './helpers.js';

type Json = Record<string, unknown>;

// Every key the schema knows, used once. Values are distinct so each can be found in the model.
const MAXIMAL = `environment: production
services:
  api:
    platform: railway
    railway:
      project: proj-railway
      environment: rail-env
      source: { repo: acme/repo-a, branch: branch-a, rootDirectory: dir-a }
      healthcheck: { path: /health-a, timeoutSeconds: 11 }
      replicas: 3
      restartPolicy: { type: on_failure, maxRetries: 4 }
      startCommand: start-a
      buildCommand: build-a
      region: region-a
      serviceDomain: true
    domains: [api.example.com]
    env:
      SECRET_A: secret
      FROM_A: { fromEnv: SOURCE_VAR_A }
      VALUE_A: { value: value-a }
      REF_A: { ref: sentry.proj-s.dsn }
  worker:
    platform: railway
    railway:
      project: proj-railway
      source: { image: ghcr.io/acme/worker:7 }
  web:
    platform: vercel
    vercel:
      project: proj-vercel
      target: preview
      gitBranch: branch-v
      framework: null
      buildCommand: build-v
      installCommand: install-v
      outputDirectory: out-v
      rootDirectory: root-v
      gitRepository: { type: gitlab, repo: acme/repo-v }
    domains:
      - { name: apex.example.com, redirect: www.example.com, redirectStatusCode: 307 }
      - www.example.com
sentry:
  organization: org-s
  teams: [team-s]
  projects:
    proj-s:
      team: team-s
      platform: platform-s
      alertRules:
        - { name: rule-s, kind: metric, threshold: 12, windowMinutes: 13, aggregate: agg-s, notify: [notify-s] }
monitors:
  - { name: mon-k, url: "https://www.example.com/", type: keyword, interval: 31, alertContacts: [contact-m], keyword: { value: kw-m, when: exists } }
  - { name: mon-p, url: db.example.com, type: port, port: 5433 }
policy: { maxDeleteFraction: 0.3, selfHeal: true }
`;

/** Key paths the schema declares, with `*` for map entries and `[]` for list items. */
function schemaPaths(root: Json): Set<string> {
  const out = new Set<string>();
  const deref = (s: Json): Json => (typeof s.$ref === 'string' ? deref(s.$ref.split('/').slice(1).reduce<Json>((n, k) => n[k] as Json, root)) : s);
  const walk = (node: Json, path: string, depth: number): void => {
    if (depth > 12) return;
    const s = deref(node);
    for (const branch of (s.oneOf ?? []) as Json[]) walk(branch, path, depth + 1);
    for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Json | boolean>)) {
      if (typeof v === 'boolean') continue;
      const p = `${path}.${k}`;
      out.add(p);
      walk(v, p, depth + 1);
    }
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties as Json, `${path}.*`, depth + 1);
    if (typeof s.items === 'object') walk(s.items as Json, `${path}[]`, depth + 1);
  };
  walk(root, '', 0);
  return out;
}

const MAPS = new Set(['.services', '.services.*.env', '.sentry.projects']);

function documentPaths(value: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) documentPaths(item, `${path}[]`, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = MAPS.has(path) ? `${path}.*` : `${path}.${k}`;
      if (!MAPS.has(path)) out.add(p);
      documentPaths(v, p, out);
    }
  }
  return out;
}

function leaves(value: unknown, key = '', out: [string, unknown][] = []): [string, unknown][] {
  if (Array.isArray(value)) for (const item of value) leaves(item, key, out);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, k, out);
  else out.push([key, value]);
  return out;
}

describe('schema, document types and model stay in step', () => {
  const schema = JSON.parse(readFileSync('schema/environment.schema.json', 'utf8')) as Json;

  it('the maximal document uses every key of the schema', () => {
    const used = documentPaths(parse(MAXIMAL));
    expect(schemaPaths(schema).size).toBeGreaterThan(60);
    expect([...schemaPaths(schema)].filter((p) => !used.has(p))).toEqual([]);
  });

  it('every value of the maximal document reaches the model', async () => {
    const dir = envDir({ 'production.yaml': MAXIMAL });
    const { environments, diagnostics } = await loadEnvironments(dir);
    expect(diagnostics).toEqual([]);
    const model = JSON.stringify(environments[0]);
    // The model names a few things differently from the YAML.
    const renamed: Record<string, string> = { environment: 'name', fromEnv: 'variable', ref: 'expression' };
    for (const [key, value] of leaves(parse(MAXIMAL))) {
      if (key === 'environment' && value === 'production') continue;
      const needle = `"${renamed[key] ?? key}":${JSON.stringify(value)}`;
      // Strings are distinct, so finding one anywhere proves it was carried; other scalars must sit under their key.
      const found = model.includes(needle) || (typeof value === 'string' && model.includes(JSON.stringify(value)));
      expect(found, `${needle} missing from the model`).toBe(true);
    }
    for (const name of ['api', 'worker', 'web', 'proj-s', 'SECRET_A']) expect(model).toContain(`"name":"${name}"`);
    expect(environments[0]?.policy).toEqual({ maxDeleteFraction: 0.3, selfHeal: true });
    expect(environments[0]?.services.find((s) => s.name === 'web')).toMatchObject({ vercel: { framework: null } });
  });
});
