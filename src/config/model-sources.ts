import type { SourceLocation } from '../model/environment.js';
import type { Diagnostic, Severity } from './diagnostic.js';
import { childPointer, displayPath } from './json-pointer.js';
import type { PositionIndex } from './position-index.js';

export interface Origin {
  file: string;
  /** JSON Pointer of the object in its file's data. */
  pointer: string;
  index: PositionIndex;
  data: unknown;
}

export interface Finding {
  code: string;
  message: string;
  hint?: string;
  severity?: Severity;
  /** Point at the key (default when no path is given) or at the value. */
  at?: 'key' | 'value';
}

/**
 * Remembers which file and JSON Pointer each model object was built from, so that checks working
 * on the model (possibly merged from several files) can still report the exact line of a field,
 * such as a monitor's `url`, without the model itself carrying a position for every field.
 */
export class ModelSources {
  readonly #origins = new WeakMap<object, Origin>();

  register<T extends object>(obj: T, origin: Origin): T {
    this.#origins.set(obj, origin);
    return obj;
  }

  origin(obj: object): Origin {
    const origin = this.#origins.get(obj);
    if (origin === undefined) throw new Error('model object built without a registered origin');
    return origin;
  }

  location(origin: Origin, pointer: string, at: 'key' | 'value'): SourceLocation {
    const { line, column } = origin.index.locate(pointer, at);
    return { file: origin.file, line, column };
  }

  /** A diagnostic about `obj`, or about the field at `path` below it. */
  diagnostic(obj: object, path: readonly (string | number)[], finding: Finding): Diagnostic {
    const origin = this.origin(obj);
    const pointer = path.reduce<string>((p, segment) => childPointer(p, segment), origin.pointer);
    return this.diagnosticAt({ ...origin, pointer }, { ...finding, at: finding.at ?? (path.length === 0 ? 'key' : 'value') });
  }

  /** A diagnostic about whatever sits at `origin`, model object or not. */
  diagnosticAt(origin: Origin, finding: Finding): Diagnostic {
    const { pointer } = origin;
    const at = finding.at ?? 'key';
    return {
      severity: finding.severity ?? 'error',
      code: finding.code,
      ...this.location(origin, pointer, at),
      key: displayPath(pointer, origin.data),
      message: finding.message,
      ...(finding.hint === undefined ? {} : { hint: finding.hint }),
    };
  }
}
