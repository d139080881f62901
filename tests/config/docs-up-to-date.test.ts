import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderConfigurationDocs } from '../../scripts/generate-config-docs.js';

it('docs/configuration.md is the text generated from the schema (run `npm run docs` after editing the schema)', () => {
  const schema = JSON.parse(readFileSync('schema/environment.schema.json', 'utf8')) as Record<string, unknown>;
  const docs = readFileSync('docs/configuration.md', 'utf8');
  expect(docs).toBe(renderConfigurationDocs(schema));
  // Every key of the schema is documented.
  for (const key of ['maxDeleteFraction', 'serviceDomain', 'redirectStatusCode', 'gitBranch', 'alertContacts', 'windowMinutes', 'fromEnv']) expect(docs).toContain(`\`${key}\``);
});
