/** Options of the sign-in limiter. */
export interface LimiterOptions {
  /** Failures allowed per address and account name within the window. */
  perAccount?: number;
  /** Failures allowed per address, whatever the names tried (password spraying). */
  perAddress?: number;
  windowMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

/** Whether a sign-in may be tried now, and if not, for how long to wait. */
export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts failed sign-ins in a sliding window: 5 per address and account name, 20 per address, in 15
 * minutes. Kept in memory: a restart forgets, and each server of a group counts its own (see README).
 */
export class SignInLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly #perAccount: number;
  readonly #perAddress: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(options: LimiterOptions = {}) {
    this.#perAccount = options.perAccount ?? 5;
    this.#perAddress = options.perAddress ?? 20;
    this.#windowMs = options.windowMs ?? 15 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.#windowMs;
    const kept = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length) this.#failures.set(key, kept);
    else this.#failures.delete(key);
    return kept;
  }

  #wait(times: number[], max: number): number {
    // Allowed again when the oldest failure that counts leaves the window.
    const oldest = times[times.length - max]!;
    return Math.max(1, Math.ceil((oldest + this.#windowMs - this.#now()) / 1000));
  }

  /** Whether `ip` may try to sign in as `name` now. */
  check(ip: string, name: string): LimitDecision {
    const account = this.#recent(`${ip}\0${name.toLowerCase()}`);
    const address = this.#recent(ip);
    if (account.length >= this.#perAccount) return { allowed: false, retryAfterSeconds: this.#wait(account, this.#perAccount) };
    if (address.length >= this.#perAddress) return { allowed: false, retryAfterSeconds: this.#wait(address, this.#perAddress) };
    return { allowed: true };
  }

  /** Records a failed sign-in. */
  fail(ip: string, name: string): void {
    const now = this.#now();
    for (const key of [`${ip}\0${name.toLowerCase()}`, ip]) this.#failures.set(key, [...this.#recent(key), now]);
    if (this.#failures.size > 10_000) this.#sweep();
  }

  /** A successful sign-in clears that address and name's count. */
  succeed(ip: string, name: string): void {
    this.#failures.delete(`${ip}\0${name.toLowerCase()}`);
  }

  #sweep(): void {
    for (const key of [...this.#failures.keys()]) this.#recent(key);
  }
}
