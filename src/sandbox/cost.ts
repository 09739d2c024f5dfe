// The real Registry's list cost: its views compute per-row subqueries for every row up to the
// offset, so a page costs a base plus a share per row read (offset + rows returned), and the
// server is CPU-bound, so requests beyond its cores queue. Calibrated on the real server at
// per_page=1000: page 1 took 0.14 s, page 190 took 2.16 s.
import type { ListAnswer } from './http/respond.js';
import type { TimerSet } from './timers.js';
import type { SandboxCost, ServerCostOptions } from './types.js';

/** ms per row read: (2160 - 140) ms over the 189,000 rows between page 1 and page 190. */
export const CALIBRATED_PER_ROW_MS = 2020 / 189_000;
/** ms of a request that reads no rows: page 1 (1000 rows) minus its rows. */
export const CALIBRATED_BASE_MS = 140 - 1000 * CALIBRATED_PER_ROW_MS;
export const DEFAULT_COST_CORES = 2;

function check(name: string, v: number | undefined, fallback: number, integer = false, min = 0): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) {
    throw new RangeError(`sandbox: serverCost.${name} must be ${integer ? 'an integer' : 'a finite number'} >= ${min}, got ${String(v)}`);
  }
  return v;
}

/** A counting semaphore: at most `slots` holders, the rest wait in arrival order. */
export class Semaphore {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(slots: number) {
    this.free = slots;
  }

  /** Resolves with the release function once a slot is held. */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = (): void => {
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          const next = this.waiting.shift();
          if (next) next();
          else this.free++;
        });
      };
      if (this.free > 0) {
        this.free--;
        grant();
      } else this.waiting.push(grant);
    });
  }

  /** Requests waiting for a slot (for tests). */
  get queued(): number {
    return this.waiting.length;
  }
}

/**
 * Accounts every list answered 200 (always, with the calibrated figures unless told otherwise)
 * and, when `serverCost` was given with a timeScale above 0, makes list requests take that long:
 * each holds one of `cores` slots from before its query runs until its modelled time has passed.
 */
export class CostModel {
  readonly totals: SandboxCost = { requests: 0, modelledMs: 0 };
  readonly baseMs: number;
  readonly perRowMs: number;
  readonly cores: number;
  readonly timeScale: number;
  /** True when list requests are delayed (serverCost given, timeScale > 0). */
  readonly waits: boolean;
  private readonly slots: Semaphore;

  constructor(
    options: ServerCostOptions | undefined,
    private readonly timers: TimerSet,
  ) {
    this.baseMs = check('baseMs', options?.baseMs, CALIBRATED_BASE_MS);
    this.perRowMs = check('perRowMs', options?.perRowMs, CALIBRATED_PER_ROW_MS);
    this.cores = check('cores', options?.cores, DEFAULT_COST_CORES, true, 1);
    this.timeScale = check('timeScale', options?.timeScale, 1);
    this.waits = options !== undefined && this.timeScale > 0;
    this.slots = new Semaphore(this.cores);
  }

  /** The modelled server time of one list page, in ms. */
  modelledMs(answer: ListAnswer): number {
    return this.baseMs + this.perRowMs * (answer.offset + answer.returned);
  }

  /** Adds one answered list to the totals; returns its modelled ms. */
  account(answer: ListAnswer): number {
    const ms = this.modelledMs(answer);
    this.totals.requests++;
    this.totals.modelledMs += ms;
    return ms;
  }

  reset(): void {
    this.totals.requests = 0;
    this.totals.modelledMs = 0;
  }

  /** Requests waiting for a core. */
  get queued(): number {
    return this.slots.queued;
  }

  /**
   * Runs `answer` (the query: it sees the data as of when it gets a core) holding a core, then
   * keeps the core for the modelled time × timeScale of what it answered (`ms`, when it is a list).
   */
  async run<T>(answer: () => T, ms: (result: T) => number | undefined): Promise<T> {
    const release = await this.slots.acquire();
    try {
      const result = answer();
      const wait = ms(result);
      if (wait !== undefined && wait > 0) await this.timers.sleep(wait * this.timeScale);
      return result;
    } finally {
      release();
    }
  }
}
