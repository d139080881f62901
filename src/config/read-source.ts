import { open } from 'node:fs/promises';
import type { Diagnostic } from './diagnostic.js';

/** Environment files are hand-written; anything larger is a mistake or an attack, refused before it is read. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type SourceText = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/**
 * Reads one environment file as UTF-8 text. The size is checked on the open handle before any
 * byte is read, so a 10 MB file costs one fstat.
 */
export async function readSource(file: string): Promise<SourceText> {
  const fail = (code: string, message: string, line = 1, column = 1, hint?: string): SourceText => ({
    ok: false,
    diagnostic: { severity: 'error', code, file, line, column, message, ...(hint === undefined ? {} : { hint }) },
  });
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    return fail('file-unreadable', `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    const { size } = await handle.stat();
    if (size > MAX_FILE_BYTES) {
      return fail('file-too-large', `file is ${formatBytes(size)}, larger than the ${formatBytes(MAX_FILE_BYTES)} limit for environment files`, 1, 1, 'split it into environments/<name>/*.yaml or remove generated content');
    }
    const bytes = await handle.readFile();
    // The file may have grown between the stat and the read.
    if (bytes.length > MAX_FILE_BYTES) return fail('file-too-large', `file is larger than the ${formatBytes(MAX_FILE_BYTES)} limit for environment files`);
    const bad = firstInvalidUtf8(bytes);
    if (bad !== -1) {
      const { line, column } = bytePosition(bytes, bad);
      return fail('not-utf8', `invalid UTF-8 byte 0x${bytes[bad]!.toString(16).padStart(2, '0')}; environment files must be UTF-8 text`, line, column, 're-save the file as UTF-8');
    }
    return { ok: true, text: new TextDecoder('utf-8').decode(bytes) };
  } finally {
    await handle.close();
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}

/**
 * Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. TextDecoder
 * with `fatal` only says that something is wrong; a person needs to know where.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid UTF-8 too.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/** 1-based line and column (in characters) of a byte offset in valid-so-far UTF-8. */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  return { line, column: before.length + 1 };
}
