/** JSON Pointer (RFC 6901) helpers, the path language ajv reports errors in. */

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function childPointer(pointer: string, segment: string | number): string {
  return `${pointer}/${escapeSegment(String(segment))}`;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function parentPointer(pointer: string): string {
  const at = pointer.lastIndexOf('/');
  return at <= 0 ? '' : pointer.slice(0, at);
}

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * The path a person reads in a message: `services.backend.env.FOO`, `monitors[2].url`. Array
 * indexes are told apart from map keys by the data, so a service named `0` stays `services.0`.
 */
export function displayPath(pointer: string, data: unknown): string {
  let out = '';
  let node: unknown = data;
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(node)) {
      out += `[${segment}]`;
      node = node[Number(segment)];
      continue;
    }
    out += PLAIN_KEY.test(segment) ? `${out === '' ? '' : '.'}${segment}` : `[${JSON.stringify(segment)}]`;
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return out;
}

export function valueAt(data: unknown, pointer: string): unknown {
  let node: unknown = data;
  for (const segment of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(segment)] : Object.hasOwn(node, segment) ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node;
}
