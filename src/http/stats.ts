/** Request counters per platform client; the benchmarks and the query-count tests read them. */
export class HttpStats {
  requests = 0;
  retries = 0;
  rateLimited = 0;
  readonly byMethod: Record<string, number> = {};
  readonly byStatus: Record<string, number> = {};

  count(method: string): void {
    this.requests++;
    this.byMethod[method] = (this.byMethod[method] ?? 0) + 1;
  }

  status(code: number): void {
    const key = String(code);
    this.byStatus[key] = (this.byStatus[key] ?? 0) + 1;
  }

  snapshot(): { requests: number; retries: number; rateLimited: number } {
    return { requests: this.requests, retries: this.retries, rateLimited: this.rateLimited };
  }
}
