import { threadContext } from './context';
import { Thread } from './thread';

/**
 * A worker thread kept for one kind of work (validating publishes, comparing versions): started on
 * first use, reused by the next job, ended after `idleMs` without one — what it held goes with it. A
 * job that fails inside the thread (a comparison of a damaged file) leaves it to the jobs beside it; a
 * thread that died is not used again.
 */
export class KeptThread {
  #thread: Promise<Thread> | undefined;
  /** That thread once started, to see whether it died while idle. */
  #started: Thread | undefined;
  /** The folders the thread was started on: another store (a test's) needs another thread. */
  #context = '';
  #jobs = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly idleMs = 60_000) {}

  /** Runs `job` on the thread. */
  async run<T>(job: (thread: Thread) => Promise<T>): Promise<T> {
    clearTimeout(this.#timer);
    const context = threadContext();
    if (JSON.stringify(context) !== this.#context && this.#jobs === 0) this.close();
    this.#context = JSON.stringify(context);
    if (this.#started && !this.#started.alive && this.#jobs === 0) this.#thread = this.#started = undefined;
    const mine = (this.#thread ??= Thread.start(context).then((t) => (this.#started = t)));
    this.#jobs++;
    try {
      return await job(await mine);
    } catch (err) {
      const thread = await mine.catch(() => null);
      if (!thread?.alive) {
        if (this.#thread === mine) this.#thread = undefined;
        void thread?.close().catch(() => {});
      }
      throw err;
    } finally {
      if (--this.#jobs === 0 && this.#thread === mine) this.#timer = setTimeout(() => this.close(), this.idleMs).unref();
    }
  }

  /** Ends the thread now (the next job starts another). */
  close(): void {
    const t = this.#thread;
    this.#thread = this.#started = undefined;
    void t?.then((thread) => thread.close()).catch(() => {});
  }
}
