import { existsSync, readFileSync } from 'node:fs';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceDetailsDocument, STATIC_DOCUMENTS } from '../../../reconcilers/railway/operations.js';
import { loadRailwaySchemaSource, railwaySchemaPath } from '../../../reconcilers/railway/schema-source.js';

const SHARED = new URL('../../../../shared/platform-apis/', import.meta.url);

describe('Railway GraphQL documents', () => {
  let schema: GraphQLSchema;
  beforeAll(() => {
    schema = buildSchema(loadRailwaySchemaSource());
  });

  it('ships a copy of the schema equal to the shared reference', () => {
    const shared = new URL('railway-schema.graphql', SHARED);
    if (!existsSync(shared)) return; // shared/ is not part of the package
    expect(readFileSync(railwaySchemaPath(), 'utf8')).toBe(readFileSync(shared, 'utf8'));
  });

  const cases: [string, () => string][] = [
    ...Object.entries(STATIC_DOCUMENTS).map(([name, doc]): [string, () => string] => [name, () => doc]),
    ['ServiceDetails for 1 service', () => serviceDetailsDocument(1)],
    ['ServiceDetails for 7 services', () => serviceDetailsDocument(7)],
    ['ServiceDetails for 20 services', () => serviceDetailsDocument(20)],
  ];
  it.each(cases)('%s parses and validates against the Railway schema', (_name, document) => {
    const errors = validate(schema, parse(document()));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it('names each static document after its operation', () => {
    for (const [name, document] of Object.entries(STATIC_DOCUMENTS)) expect(document).toMatch(new RegExp(`^(query|mutation) ${name}\\b`));
  });

  it('aliases the per-service root fields, one alias set per service', () => {
    const doc = serviceDetailsDocument(3);
    for (const i of [0, 1, 2]) for (const part of ['instance', 'variables', 'domains', 'triggers']) expect(doc).toContain(`s${i}_${part}:`);
    expect(doc).toContain('unrendered: true');
  });

  it('rejects a misspelled field, as Railway would', () => {
    const errors = validate(schema, parse('query { project(id: "x") { nmae } }'));
    expect(errors[0]?.message).toContain('Cannot query field "nmae"');
  });

  it('the shared operation reference also validates against the shipped copy', () => {
    const shared = new URL('railway-operations.graphql', SHARED);
    if (!existsSync(shared)) return;
    expect(validate(schema, parse(readFileSync(shared, 'utf8')))).toEqual([]);
  });
});
