import { isAlias, LineCounter, parseDocument, visit, type Alias, type Document, type YAMLError } from 'yaml';
import type { Diagnostic } from './diagnostic.js';
import { MAX_ALIASES, MAX_DEPTH, PositionIndex, type Position } from './position-index.js';

/**
 * Aliases are handy for small reuse but their expansion is exponential ("billion laughs"). The
 * yaml library counts expanded aliases against this budget and throws instead of allocating.
 */
export const MAX_ALIAS_EXPANSIONS = 50;

export interface ParsedYaml {
  /** Plain JSON-like data, present when the document parsed well enough to validate. */
  data?: unknown;
  index: PositionIndex;
  diagnostics: Diagnostic[];
}

const MESSAGES: Record<string, { code: string; message: string; hint?: string }> = {
  TAB_AS_INDENT: { code: 'yaml-tab-indent', message: 'tab used for indentation; YAML indentation must be spaces', hint: 'replace the tab with spaces' },
  MULTIPLE_DOCS: { code: 'yaml-multiple-documents', message: 'more than one YAML document (`---`); an environment file holds exactly one', hint: 'split it into one file per environment' },
};

export function parseYaml(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    // stringKeys makes `null:` or `1:` the keys "null" and "1", as the position index sees them;
    // logLevel keeps the library from printing process warnings itself; duplicate keys are found
    // by the position index, because the library's own check is quadratic.
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, stringKeys: true, prettyErrors: true, logLevel: 'error' });
  } catch (error) {
    // The library recurses while composing nested collections; a deep enough file exhausts the stack.
    const message = error instanceof RangeError ? 'the document is nested too deeply to read' : `cannot read the document: ${String(error).split('\n')[0]}`;
    return { index: new PositionIndex(null, lineCounter), diagnostics: [{ severity: 'error', code: 'yaml-syntax', file, line: 1, column: 1, message }] };
  }
  const index = new PositionIndex(doc.contents, lineCounter);
  const at = (p: Position): { file: string; line: number; column: number } => ({ file, line: Math.max(1, p.line), column: Math.max(1, p.column) });

  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) diagnostics.push(fromYamlError(file, error, 'error'));
  for (const warning of doc.warnings) diagnostics.push(fromYamlError(file, warning, 'warning'));
  for (const { key, position } of index.duplicateKeys) {
    const shown = JSON.stringify(key.length > 60 ? `${key.slice(0, 57)}...` : key);
    diagnostics.push({ severity: 'error', code: 'yaml-duplicate-key', ...at(position), message: `duplicate key ${shown}; a key may appear only once in a mapping` });
  }
  if (index.tooDeep !== undefined) {
    diagnostics.push({ severity: 'error', code: 'yaml-too-deep', ...at(index.tooDeep), message: `nested more than ${MAX_DEPTH} levels deep; environment files need far fewer` });
  }
  if (index.tooManyAliases !== undefined) {
    diagnostics.push({ severity: 'error', code: 'yaml-alias-limit', ...at(index.tooManyAliases), message: `more than ${MAX_ALIASES} aliases; refusing to expand them`, hint: 'write the values out, or use fewer anchors and aliases' });
  }
  for (const p of index.complexKeys) {
    diagnostics.push({ severity: 'error', code: 'yaml-complex-key', ...at(p), message: 'mapping keys must be plain text, not lists or mappings' });
  }

  if (doc.contents === null || doc.contents === undefined) {
    if (doc.errors.length === 0) {
      const onlyComments = /\S/.test(text.replace(/^\uFEFF/, ''));
      diagnostics.push({
        severity: 'error',
        code: 'empty-file',
        file,
        line: 1,
        column: 1,
        message: onlyComments ? 'the file holds only comments; expected a mapping starting with `environment: <name>`' : 'the file is empty; expected a mapping starting with `environment: <name>`',
      });
    }
    return { index, diagnostics };
  }

  // A document with syntax errors is recovered by guesswork; validating the guess would report
  // errors the author never made. Duplicate keys alone leave the structure sound.
  if (doc.errors.length > 0 || index.complexKeys.length > 0 || index.tooDeep !== undefined || index.tooManyAliases !== undefined) return { index, diagnostics };

  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS }), index, diagnostics };
  } catch (error) {
    diagnostics.push(aliasFailure(file, doc, lineCounter, error));
    return { index, diagnostics };
  }
}

function fromYamlError(file: string, error: YAMLError, severity: 'error' | 'warning'): Diagnostic {
  const start = error.linePos?.[0];
  const known = MESSAGES[error.code];
  // The library's message ends with " at line L, column C:" and a copy of the source lines, which
  // could hold a secret the author is about to remove: keep only the first clause.
  const own = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const message = known?.message ?? `invalid YAML: ${lowerFirst(own)}`;
  return {
    severity,
    code: known?.code ?? (severity === 'error' ? 'yaml-syntax' : 'yaml-warning'),
    file,
    line: Math.max(1, start?.line ?? 1),
    column: Math.max(1, start?.col ?? 1),
    message,
    ...(known?.hint === undefined ? {} : { hint: known.hint }),
  };
}

function lowerFirst(s: string): string {
  return s.length > 0 ? s[0]!.toLowerCase() + s.slice(1) : s;
}

function aliasFailure(file: string, doc: Document, lineCounter: LineCounter, error: unknown): Diagnostic {
  let first: Alias | undefined;
  let unresolved: Alias | undefined;
  visit(doc, {
    Alias(_key, node) {
      first ??= node;
      if (unresolved === undefined && node.resolve(doc) === undefined) unresolved = node;
      return unresolved === undefined ? undefined : visit.BREAK;
    },
  });
  const node = unresolved ?? first;
  const offset = node && isAlias(node) && node.range ? node.range[0] : 0;
  const { line, col } = lineCounter.linePos(offset);
  if (unresolved !== undefined) {
    return { severity: 'error', code: 'yaml-unresolved-alias', file, line, column: col, message: `alias *${unresolved.source} names no anchor defined before it` };
  }
  const isBomb = error instanceof ReferenceError && /alias/i.test(error.message);
  return {
    severity: 'error',
    code: isBomb ? 'yaml-alias-limit' : 'yaml-syntax',
    file,
    line,
    column: col,
    message: isBomb
      ? `aliases expand to more than ${MAX_ALIAS_EXPANSIONS} copies; refusing a document that grows exponentially when read`
      : `cannot read the document: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    ...(isBomb ? { hint: 'use fewer anchors and aliases, or write the values out' } : {}),
  };
}
