/**
 * Faults a test asks a simulator to inject into matching requests: throttling, server errors,
 * slow answers, and a "lost response" (the simulator applies the request, then drops the
 * connection without answering, as a proxy timeout would).
 */
export interface RequestInfo {
  method: string;
  path: string;
  /** GraphQL operation name, when there is one. */
  operation?: string;
}

export type FaultKind =
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'server-error'; status?: number }
  | { kind: 'drop-response' }
  | { kind: 'delay'; ms: number };

export interface FaultRule {
  match: (request: RequestInfo) => boolean;
  fault: FaultKind;
  /** How many matching requests get the fault. */
  times: number;
}

export class FaultInjector {
  readonly #rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.#rules.push({ ...rule });
  }

  clear(): void {
    this.#rules.length = 0;
  }

  /** The fault for this request, consuming one use of the first matching rule. */
  take(request: RequestInfo): FaultKind | undefined {
    const rule = this.#rules.find((candidate) => candidate.times > 0 && candidate.match(request));
    if (!rule) return undefined;
    rule.times--;
    return rule.fault;
  }
}

/** A fixed-window request budget that produces the usual X-RateLimit-* headers. */
export class RateWindow {
  #windowStart = Date.now();
  #used = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one request; returns the headers to send and whether the budget was exceeded. */
  hit(now = Date.now()): { exceeded: boolean; headers: Record<string, string>; resetEpochSeconds: number } {
    if (now - this.#windowStart >= this.windowMs) {
      this.#windowStart = now;
      this.#used = 0;
    }
    this.#used++;
    const resetEpochSeconds = Math.ceil((this.#windowStart + this.windowMs) / 1000);
    const remaining = Math.max(0, this.limit - this.#used);
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(resetEpochSeconds),
    };
    return { exceeded: this.#used > this.limit, headers, resetEpochSeconds };
  }
}
