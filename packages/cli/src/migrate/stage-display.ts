import cliProgress from 'cli-progress';

/**
 * What people see while a migration runs: on a terminal a progress bar per
 * stage with its count, rate and ETA (cli-progress); otherwise — a log, a CI
 * job — one plain line when a stage starts and one when it ends.
 */
export class StageDisplay {
  private bar: cliProgress.SingleBar | undefined;
  private started = 0;
  private readonly tty: boolean;

  constructor(private readonly err: (line: string) => void, tty = Boolean(process.stderr.isTTY) && !process.env.KITAP_NO_PROGRESS) {
    this.tty = tty;
  }

  /** A stage begins; `total` (when known) gives the bar its end and ETA. */
  start(stage: string, unit: string, total: number | undefined): void {
    this.started = Date.now();
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
        stream: process.stderr,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total ?? 0, 0, { speed: '0' });
  }

  /** The running count of the current stage. */
  update(count: number): void {
    if (!this.bar) return;
    const seconds = (Date.now() - this.started) / 1000;
    const total = this.bar.getTotal();
    if (total > 0 && count > total) this.bar.setTotal(count);
    this.bar.update(count, { speed: seconds > 0 ? Math.round(count / seconds).toLocaleString('en') : '0' });
  }

  /** The stage ended: its summary line. */
  finish(stage: string, summary: string): void {
    this.bar?.stop();
    this.bar = undefined;
    this.err(`[${stage}] ${summary} (${((Date.now() - this.started) / 1000).toFixed(1)} s)`);
  }

  /** The stage was done before and its inputs are unchanged. */
  skip(stage: string, summary: string): void {
    this.err(`[${stage}] already done, inputs unchanged: ${summary}`);
  }

  abort(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
