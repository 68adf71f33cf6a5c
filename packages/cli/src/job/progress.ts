/** Receives the counts of a running command instead of the one-line counter (kitap migrate draws its progress bars from them). */
export type ProgressHook = (label: string, count: number) => void;

let hook: ProgressHook | undefined;

/** Routes every `Progress` of this process to `next` (or back to the terminal line with `undefined`). */
export function setProgressHook(next: ProgressHook | undefined): void {
  hook = next;
}

/** A one-line progress counter on stderr, only when stderr is a terminal. */
export class Progress {
  private last = 0;
  private readonly enabled: boolean;

  constructor(private readonly label: string) {
    this.enabled = Boolean(process.stderr.isTTY) && !process.env.KITAP_NO_PROGRESS;
  }

  tick(count: number): void {
    if ((count & 1023) !== 0) return;
    if (hook) {
      hook(this.label, count);
      return;
    }
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 250) return;
    this.last = now;
    process.stderr.write(`\r${this.label}: ${count.toLocaleString('en')} records`);
  }

  done(): void {
    if (this.enabled && this.last) process.stderr.write('\r\x1b[K');
  }
}
