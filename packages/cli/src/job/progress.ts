/** A one-line progress counter on stderr, only when stderr is a terminal. */
export class Progress {
  private last = 0;
  private readonly enabled: boolean;

  constructor(private readonly label: string) {
    this.enabled = Boolean(process.stderr.isTTY) && !process.env.KITAP_NO_PROGRESS;
  }

  tick(count: number): void {
    if (!this.enabled || (count & 1023) !== 0) return;
    const now = Date.now();
    if (now - this.last < 250) return;
    this.last = now;
    process.stderr.write(`\r${this.label}: ${count.toLocaleString('en')} records`);
  }

  done(): void {
    if (this.enabled && this.last) process.stderr.write('\r\x1b[K');
  }
}
