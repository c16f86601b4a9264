/** Options of the sign-in limiter. */
export interface LimiterOptions {
  /** Failures allowed per address and account name before each further try must wait. */
  freePerAccount?: number;
  /** Failures allowed per address, whatever the names tried (password spraying), before waits start. */
  freePerAddress?: number;
  /** The first wait; each further failure doubles it. */
  firstDelayMs?: number;
  /** The longest wait between two tries. */
  maxDelayMs?: number;
  /** A key with no failure for this long starts again from zero. */
  forgetAfterMs?: number;
  /** Most keys kept in memory; the oldest are forgotten first. */
  maxKeys?: number;
  /** The clock, for tests. */
  now?: () => number;
}

/** Whether a sign-in may be tried now, and if not, for how long to wait. */
export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Count {
  failures: number;
  last: number;
}

/**
 * Limits password guessing, per address and account name, with a growing delay. An attempt is
 * *reserved* (counted as a failure) synchronously, before the password is checked, so that any number
 * of requests sent at once cannot all be checked: after the free tries, each new try must wait 1 s,
 * then 2 s, 4 s … up to 15 minutes after the previous failure. A refused try is not checked and does
 * not lengthen the wait, so a flood does not lock out the real person for longer than the attacker's
 * own guesses do. A success clears its address and name. A wider allowance per address, whatever the
 * names, slows password spraying the same way. Kept in memory: a restart forgets, and each server of a
 * group counts its own (docs/security.md).
 */
export class SignInLimiter {
  readonly #counts = new Map<string, Count>();
  readonly #freePerAccount: number;
  readonly #freePerAddress: number;
  readonly #firstDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #forgetAfterMs: number;
  readonly #maxKeys: number;
  readonly #now: () => number;

  constructor(options: LimiterOptions = {}) {
    this.#freePerAccount = options.freePerAccount ?? 5;
    this.#freePerAddress = options.freePerAddress ?? 50;
    this.#firstDelayMs = options.firstDelayMs ?? 1000;
    this.#maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
    this.#forgetAfterMs = options.forgetAfterMs ?? 60 * 60_000;
    this.#maxKeys = options.maxKeys ?? 100_000;
    this.#now = options.now ?? Date.now;
  }

  #get(key: string): Count {
    const c = this.#counts.get(key);
    if (c && this.#now() - c.last < this.#forgetAfterMs) return c;
    if (c) this.#counts.delete(key);
    return { failures: 0, last: 0 };
  }

  /** How long `key` must still wait, in ms (0: it may try now). */
  #wait(c: Count, free: number): number {
    if (c.failures < free) return 0;
    const delay = Math.min(this.#firstDelayMs * 2 ** Math.min(c.failures - free, 30), this.#maxDelayMs);
    return Math.max(0, c.last + delay - this.#now());
  }

  #charge(key: string, c: Count): void {
    this.#counts.delete(key); // re-inserted last: the map's order is then oldest change first
    this.#counts.set(key, { failures: c.failures + 1, last: this.#now() });
    while (this.#counts.size > this.#maxKeys) this.#counts.delete(this.#counts.keys().next().value!);
  }

  /**
   * Whether `ip` may try to sign in as `name` now; when it may, the try is counted as a failure at once
   * (call `succeed` when the password was right). Synchronous: concurrent requests are counted in the
   * order they arrive, before any of them is checked.
   */
  reserve(ip: string, name: string): LimitDecision {
    const pairKey = `${ip}\0${name.toLowerCase()}`;
    const pair = this.#get(pairKey);
    const address = this.#get(ip);
    const wait = Math.max(this.#wait(pair, this.#freePerAccount), this.#wait(address, this.#freePerAddress));
    if (wait > 0) return { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) };
    this.#charge(pairKey, pair);
    this.#charge(ip, address);
    return { allowed: true };
  }

  /** The reserved try was right: its address and name start again from zero, and the address is refunded. */
  succeed(ip: string, name: string): void {
    this.#counts.delete(`${ip}\0${name.toLowerCase()}`);
    const address = this.#counts.get(ip);
    if (address && address.failures > 1) address.failures--;
    else this.#counts.delete(ip);
  }

  /** The reserved try was not checked (the server failed first): it does not count. */
  release(ip: string, name: string): void {
    for (const key of [`${ip}\0${name.toLowerCase()}`, ip]) {
      const c = this.#counts.get(key);
      if (c && c.failures > 1) c.failures--;
      else this.#counts.delete(key);
    }
  }
}
