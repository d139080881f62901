import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVercelSimulator, type VercelSimulator } from '../../../reconcilers/vercel/simulator.js';

let sim: VercelSimulator;
beforeEach(async () => {
  sim = await startVercelSimulator({ rateLimit: { limit: 50, windowMs: 60_000 } });
});
afterEach(() => sim.close());

async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, options: { teamId?: string | null; token?: string | null } = {}) {
  const url = new URL(sim.url + path);
  if (options.teamId !== null) url.searchParams.set('teamId', options.teamId ?? sim.teamId);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token !== null) headers['authorization'] = `Bearer ${options.token ?? sim.token}`;
  const response = await request(url, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

describe('vercel simulator', () => {
  it('rejects unknown body fields and schema violations with the bad_request envelope', async () => {
    const unknown = await call('POST', '/v11/projects', { name: 'web', frameworkk: 'nextjs' });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: 'Invalid request: body should NOT have additional property `frameworkk`.' } } });
    await call('POST', '/v11/projects', { name: 'web' });
    expect(await call('PATCH', '/v9/projects/web', { framework: 'rails' })).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect(await call('POST', '/v10/projects/web/domains', { name: 'a.example.com', verified: true })).toMatchObject({ status: 400 });
    expect(sim.state.projects[0]!.domains).toEqual([]);
  });

  it('authenticates with the Bearer token and scopes by teamId', async () => {
    expect(await call('GET', '/v10/projects', undefined, { token: null })).toMatchObject({ status: 403, body: { error: { code: 'forbidden', missingToken: true } } });
    expect(await call('GET', '/v10/projects', undefined, { token: 'nope' })).toMatchObject({ status: 403, body: { error: { code: 'forbidden', invalidToken: true } } });
    expect(await call('GET', '/v10/projects', undefined, { teamId: 'team_someone_else' })).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    const created = await call('POST', '/v11/projects', { name: 'web' });
    expect(created.body).toMatchObject({ name: 'web', accountId: sim.teamId, nodeVersion: '22.x', directoryListing: false });
    const id = created.body!['id'] as string;
    expect((await call('GET', `/v9/projects/${id}`)).status).toBe(200);
    expect(await call('GET', '/v9/projects/web', undefined, { teamId: null })).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(await call('POST', '/v11/projects', { name: 'web' })).toMatchObject({ status: 409 });
    expect(await call('GET', '/v2/unknown')).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('shows plain values, encrypted ones as ciphertext, sensitive ones never', async () => {
    const { body } = await call('POST', '/v11/projects', { name: 'web' });
    const projectId = body!['id'] as string;
    const batch = await call('POST', `/v10/projects/${projectId}/env`, [
      { key: 'PLAIN', value: 'hello', type: 'plain', target: ['production'] },
      { key: 'ENC', value: 'enc-secret', type: 'encrypted', target: ['production'] },
      { key: 'SENS', value: 'sens-secret', type: 'sensitive', target: ['production'] },
      { key: 'PLAIN', value: 'again', type: 'plain', target: ['production', 'preview'] },
    ]);
    expect(batch.status).toBe(201);
    expect((batch.body!['created'] as unknown[]).length).toBe(3);
    expect(batch.body!['failed']).toEqual([{ error: expect.objectContaining({ code: 'ENV_CONFLICT', envVarKey: 'PLAIN', target: ['production', 'preview'] }) }]);

    const list = await call('GET', `/v10/projects/${projectId}/env`);
    const envs = list.body!['envs'] as { key: string; value: string; decrypted: boolean }[];
    expect(envs.find((e) => e.key === 'PLAIN')).toMatchObject({ value: 'hello', decrypted: false });
    expect(envs.find((e) => e.key === 'ENC')!.value).not.toContain('enc-secret');
    expect(envs.find((e) => e.key === 'SENS')!.value).toBe('');
    expect(list.body!['pagination']).toEqual({ count: 3, next: null, prev: expect.any(Number) });
    const decrypted = (await call('GET', `/v10/projects/${projectId}/env?decrypt=true`)).body!['envs'] as { key: string; value: string }[];
    expect(decrypted.find((e) => e.key === 'SENS')!.value).toBe('');

    const single = await call('POST', `/v10/projects/${projectId}/env`, { key: 'ENC', value: 'x', type: 'encrypted', target: ['production'] });
    expect(single).toMatchObject({ status: 400, body: { error: { code: 'ENV_CONFLICT', key: 'ENC' } } });
    const upsert = await call('POST', `/v10/projects/${projectId}/env?upsert=true`, { key: 'ENC', value: 'rotated', type: 'encrypted', target: ['production'] });
    expect(upsert.status).toBe(201);
    expect(sim.state.mustProject('web').envs.find((e) => e.key === 'ENC')!.value).toBe('rotated');
  });

  it('answers 204 to a project delete, {} to a domain removal, and describes a domain DNS config', async () => {
    await call('POST', '/v11/projects', { name: 'web' });
    const added = await call('POST', '/v10/projects/web/domains', { name: 'www.example.com' });
    expect(added.body).toMatchObject({ name: 'www.example.com', apexName: 'example.com', verified: false, verification: [{ type: 'TXT', domain: '_vercel.example.com' }] });
    expect(await call('POST', '/v10/projects/web/domains', { name: 'www.example.com' })).toMatchObject({ status: 400 });
    expect(await call('POST', '/v10/projects/web/domains', { name: 'x.example.com', gitBranch: 'staging', redirect: 'www.example.com' })).toMatchObject({ status: 400 });
    expect((await call('GET', '/v6/domains/www.example.com/config')).body).toMatchObject({ misconfigured: true, configuredBy: null });
    expect(await call('DELETE', '/v9/projects/web/domains/www.example.com')).toMatchObject({ status: 200, body: {} });
    const deleted = await call('DELETE', '/v9/projects/web');
    expect(deleted).toEqual({ status: 204, headers: expect.anything(), body: undefined });
  });

  it('sends rate-limit headers and a 429 with the limit object once the window is spent', async () => {
    const local = await startVercelSimulator({ rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const url = `${local.url}/v10/projects`;
      const headers = { authorization: `Bearer ${local.token}` };
      const first = await request(url, { headers });
      await first.body.text();
      expect(first.headers['x-ratelimit-limit']).toBe('2');
      expect(first.headers['x-ratelimit-remaining']).toBe('1');
      await (await request(url, { headers })).body.text();
      const limited = await request(url, { headers });
      const body = (await limited.body.json()) as { error: { code: string; limit: Record<string, number> } };
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(body.error.code).toBe('rate_limited');
      expect(Object.keys(body.error.limit).sort()).toEqual(['remaining', 'reset', 'resetMs', 'total']);
    } finally {
      await local.close();
    }
  });
});
