import cliProgress from 'cli-progress';

/** How a display behaves besides drawing: for long runs in a log. */
export interface StageDisplayOptions {
  /**
   * Off a terminal, also write a plain progress line (count, total, rate and
   * ETA) at most this often while a stage runs; default never (only the
   * start and end lines).
   */
  logEveryMs?: number;
  /** The clock (ms), for tests of the plain lines. */
  now?: () => number;
}

/**
 * What people see while a long job runs (the stages of `kitap migrate`,
 * `kitap rabis push|pull|verify`): on a terminal a progress bar per stage
 * with its count, rate and ETA (cli-progress); otherwise — a log, a CI job —
 * one plain line when a stage starts and one when it ends (and, with
 * `logEveryMs`, a plain progress line now and then).
 */
export class StageDisplay {
  private bar: cliProgress.SingleBar | undefined;
  private started = 0;
  private stage = '';
  private unit = '';
  private total: number | undefined;
  private lastLog = 0;
  private readonly tty: boolean;
  private readonly now: () => number;

  constructor(
    private readonly err: (line: string) => void,
    tty = Boolean(process.stderr.isTTY) && !process.env.KITAP_NO_PROGRESS,
    private readonly stream: NodeJS.WritableStream = process.stderr,
    private readonly options: StageDisplayOptions = {},
  ) {
    this.tty = tty;
    this.now = options.now ?? Date.now;
  }

  /** A stage begins; `total` (when known) gives the bar its end and ETA. */
  start(stage: string, unit: string, total: number | undefined): void {
    this.started = this.now();
    this.lastLog = this.started;
    this.stage = stage;
    this.unit = unit;
    this.total = total;
    if (!this.tty) {
      this.err(`[${stage}] started${total !== undefined ? ` (${total.toLocaleString('en')} ${unit})` : ''}`);
      return;
    }
    this.bar = new cliProgress.SingleBar(
      {
        format: total !== undefined ? `${stage.padEnd(9)} {bar} {value}/{total} ${unit} | {speed}/s | ETA {eta_formatted}` : `${stage.padEnd(9)} {value} ${unit} | {speed}/s`,
        barsize: 24,
        hideCursor: true,
        clearOnComplete: true,
        stream: this.stream,
        // The terminal was checked above (tests draw the bar into a plain stream).
        noTTYOutput: true,
        fps: 5,
        forceRedraw: true,
        // cli-progress writes an unknown ETA ("INF", before the first count) as "NFs".
        formatTime: (t, options, round) => (typeof t === 'number' && Number.isFinite(t) ? cliProgress.Format.TimeFormat(t, options, round) : '?'),
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total ?? 0, 0, { speed: '0' });
  }

  /** The total became known, or changed, after the stage started (a search that says how many it found). */
  setTotal(total: number): void {
    this.total = total;
    this.bar?.setTotal(total);
  }

  /** The running count of the current stage. */
  update(count: number): void {
    const seconds = (this.now() - this.started) / 1000;
    if (!this.bar) {
      this.logLine(count, seconds);
      return;
    }
    const total = this.bar.getTotal();
    if (total > 0 && count > total) this.bar.setTotal(count);
    this.bar.update(count, { speed: seconds > 0 ? Math.round(count / seconds).toLocaleString('en') : '0' });
  }

  /**
   * A message while a stage runs (a warning, a retry): on a terminal the bar's
   * line is cleared first and the bar drawn again below the message at its
   * next tick (it redraws on every tick), so the two never run into each other.
   */
  log(line: string): void {
    if (!this.bar) {
      this.err(line);
      return;
    }
    this.stream.write('\r\x1b[K');
    this.err(line);
    // cli-progress saved the cursor where the bar started and goes back there when it stops: save the bar's new line instead.
    if ((this.stream as NodeJS.WriteStream).isTTY) this.stream.write('\x1b7');
  }

  /** The stage ended: its summary line. */
  finish(stage: string, summary: string): void {
    this.bar?.stop();
    this.bar = undefined;
    this.err(`[${stage}] ${summary} (${((this.now() - this.started) / 1000).toFixed(1)} s)`);
  }

  /** The stage was done before and its inputs are unchanged. */
  skip(stage: string, summary: string): void {
    this.err(`[${stage}] already done, inputs unchanged: ${summary}`);
  }

  abort(): void {
    this.bar?.stop();
    this.bar = undefined;
  }

  /** Off a terminal, with `logEveryMs`: "[stage] 1,200/2,000 records (400/s, ETA 2 s)". */
  private logLine(count: number, seconds: number): void {
    const every = this.options.logEveryMs;
    if (this.tty || every === undefined || this.now() - this.lastLog < every) return;
    this.lastLog = this.now();
    const rate = seconds > 0 ? count / seconds : 0;
    const of = this.total === undefined ? '' : `/${this.total.toLocaleString('en')}`;
    const eta = this.total !== undefined && rate > 0 ? `, ETA ${Math.max(0, Math.round((this.total - count) / rate))} s` : '';
    this.err(`[${this.stage}] ${count.toLocaleString('en')}${of} ${this.unit} (${Math.round(rate).toLocaleString('en')}/s${eta})`);
  }
}
