import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import { childPointer, parentPointer } from './json-pointer.js';

/** Environment files need about seven levels; anything far deeper is generated or hostile. */
export const MAX_DEPTH = 32;

/**
 * The yaml library resolves each alias by searching the document for its anchor, so expanding
 * tens of thousands of aliases is quadratic; a hand-written file uses a handful.
 */
export const MAX_ALIASES = 200;

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

interface Entry {
  /** Where the mapping key starts, for values that sit under a key. */
  key?: Position;
  value: Position;
}

/**
 * Maps every JSON Pointer of a parsed document to where its key and value start in the file, so
 * that an error found on plain data (by ajv, or by a semantic check) can be reported at a line and
 * column. Built once per file in one walk; aliases are not followed (their expansion is what an
 * alias bomb exploits), so anything under an alias is reported at the alias itself.
 */
export class PositionIndex {
  readonly #entries = new Map<string, Entry>();
  /** Positions of mapping keys that are not plain scalars (`? [a, b]`), which JSON cannot represent. */
  readonly complexKeys: Position[] = [];
  /**
   * Keys repeated in one mapping, at their second (and later) occurrence. Found here in linear
   * time: the yaml library's own `uniqueKeys` check is quadratic in the size of a mapping.
   */
  readonly duplicateKeys: { key: string; position: Position }[] = [];

  /** Where nesting first went past MAX_DEPTH; nothing below that point is indexed. */
  tooDeep?: Position;
  /** Alias nodes (`*name`) in the document, and where the first one past MAX_ALIASES sits. */
  aliasCount = 0;
  tooManyAliases?: Position;

  constructor(root: Node | null | undefined, lineCounter: LineCounter) {
    const pos = (offset: number): Position => {
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    };
    // An explicit stack, not recursion: a hostile file can nest far deeper than the call stack.
    const stack: { node: Node | null | undefined; pointer: string; key: Position | undefined; fallback: Position; depth: number }[] = [
      { node: root, pointer: '', key: undefined, fallback: { line: 1, column: 1 }, depth: 0 },
    ];
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      const { node, pointer, key, fallback, depth } = item;
      const value = node?.range ? pos(node.range[0]) : fallback;
      this.#entries.set(pointer, key === undefined ? { value } : { key, value });
      if (node !== null && node !== undefined && isAlias(node) && ++this.aliasCount > MAX_ALIASES) this.tooManyAliases ??= value;
      if (node === null || node === undefined || isAlias(node)) continue;
      if ((isMap(node) || isSeq(node)) && depth >= MAX_DEPTH) {
        this.tooDeep ??= value;
        continue;
      }
      const children: typeof stack = [];
      if (isMap(node)) {
        const seen = new Set<string>();
        for (const pair of node.items) {
          const keyNode = pair.key as Node | null;
          const keyPos = keyNode?.range ? pos(keyNode.range[0]) : value;
          if (keyNode !== null && !isScalar(keyNode)) {
            this.complexKeys.push(keyPos);
            continue;
          }
          const name = keyNode === null ? '' : String(keyNode.value);
          if (seen.has(name)) this.duplicateKeys.push({ key: name, position: keyPos });
          seen.add(name);
          const afterKey = keyNode?.range ? pos(keyNode.range[1]) : keyPos;
          children.push({ node: pair.value as Node | null, pointer: childPointer(pointer, name), key: keyPos, fallback: afterKey, depth: depth + 1 });
        }
      } else if (isSeq(node)) {
        node.items.forEach((child, i) => children.push({ node: child as Node | null, pointer: childPointer(pointer, i), key: undefined, fallback: value, depth: depth + 1 }));
      }
      // Reversed so that entries are visited, and duplicates and complex keys found, in file order.
      stack.push(...children.reverse());
    }
  }

  /**
   * Position of the value at `pointer` (or of its key, when `prefer` is `key` and it has one). A
   * pointer that is not in the index, such as one reaching under an alias, resolves to its
   * nearest indexed ancestor.
   */
  locate(pointer: string, prefer: 'key' | 'value' = 'value'): Position {
    let p = pointer;
    for (;;) {
      const entry = this.#entries.get(p);
      if (entry !== undefined) return prefer === 'key' && entry.key !== undefined ? entry.key : entry.value;
      if (p === '') return { line: 1, column: 1 };
      p = parentPointer(p);
    }
  }
}
