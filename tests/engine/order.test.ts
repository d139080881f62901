import { describe, expect, it } from 'vitest';
import { orderChanges } from '../../src/engine/order.js';
import { splitComment } from '../../src/render/markdown.js';
import { planned } from './builders.js';

describe('orderChanges', () => {
  it('creates parents before children and deletes children before parents, deletes last', () => {
    const ordered = orderChanges([
      planned('delete', 'vercel.project.old'),
      planned('delete', 'vercel.env.old.A'),
      planned('create', 'vercel.env.web.A', ['vercel.project.web']),
      planned('create', 'vercel.project.web'),
      planned('update', 'vercel.domain.web.a.com', ['vercel.project.web']),
    ]);
    const position = (address: string) => ordered.findIndex((c) => c.address === address);
    expect(position('vercel.project.web')).toBeLessThan(position('vercel.env.web.A'));
    expect(position('vercel.env.old.A')).toBeLessThan(position('vercel.project.old'));
    expect(position('vercel.env.web.A')).toBeLessThan(position('vercel.env.old.A'));
    expect(ordered.find((c) => c.address === 'vercel.project.old')!.dependsOn).toContain('vercel.env.old.A');
  });

  it('keeps dependencies on things that need no change out of the wait list', () => {
    const [only] = orderChanges([planned('create', 'vercel.env.web.A', ['vercel.project.web'])]);
    expect(only!.dependsOn).toEqual([]);
  });
});

describe('splitComment', () => {
  it('splits long comments into marked parts under the limit without breaking code fences', () => {
    const body = ['### title', '```diff', ...Array.from({ length: 400 }, (_, i) => `+ create vercel.env.web.VAR_${i}`), '```'].join('\n');
    const parts = splitComment(body, 4000);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(4000);
      expect((part.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(parts.at(-1)).toContain(`part ${parts.length} of ${parts.length}`);
    expect(parts.join('\n')).toContain('VAR_399');
  });
});
