/**
 * A client-side limit of `requests` per `windowMs`, over a sliding window: each call to {@link RateLimiter.wait}
 * returns once a request may be sent without going over it.
 */
export class RateLimiter {
  private readonly sent: number[] = [];

  constructor(
    private readonly requests: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = delay,
  ) {}

  /** Waits until a request may be sent, and counts it as sent. */
  async wait(): Promise<void> {
    for (;;) {
      const time = this.now();
      while (this.sent.length > 0 && (this.sent[0] as number) <= time - this.windowMs) this.sent.shift();
      if (this.sent.length < this.requests) {
        this.sent.push(time);
        return;
      }
      await this.sleep((this.sent[0] as number) + this.windowMs - time);
    }
  }
}

/** A promise resolved after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
