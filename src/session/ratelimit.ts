/**
 * A token bucket: `rate` actions per second on average, bursts of up to `burst`. Keeps a
 * bot from flooding its upstream account (platforms flag accounts that send too fast).
 */
export class TokenBucket {
  private tokens: number;
  private updated: number;
  private readonly rate: number;
  private readonly burst: number;

  constructor(rate: number, burst: number, now: number = Date.now()) {
    this.rate = rate;
    this.burst = burst;
    this.tokens = burst;
    this.updated = now;
  }

  /** Takes a token: 0 when allowed, else the ms until one is available. */
  take(now: number = Date.now()): number {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updated) / 1000) * this.rate);
    this.updated = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.rate) * 1000);
  }
}
