import { createHash } from 'node:crypto';
import { inspect } from 'node:util';

const REDACTED = '(sensitive)';

/**
 * A secret value that cannot leak by accident: JSON, util.inspect, template strings and pino all
 * print `(sensitive)`. Only `reveal()` gives the value, and only the code that sends it to a
 * platform should call it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  /** Compares without exposing either value to the caller. */
  equals(other: Secret): boolean {
    return this.fingerprint() === other.fingerprint();
  }

  /**
   * Short one-way digest for equality checks inside one process. Not stored: a digest of a
   * low-entropy secret can be brute-forced, and the store must never hold anything derived from a
   * secret that would let someone recover it.
   */
  fingerprint(): string {
    return createHash('sha256').update(this.#value).digest('hex').slice(0, 16);
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

export function isSecret(value: unknown): value is Secret {
  return value instanceof Secret;
}
