/** Where a command writes: machine output to stdout, people's messages to stderr; and its exit code. */
export interface Io {
  out(text: string): void;
  err(line: string): void;
  exitCode: number;
}

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (line) => process.stderr.write(line + '\n'),
    exitCode: 0,
  };
}

export const ENCODING_CHOICES = ['auto', 'utf-8', 'cp1251', 'rk1048', 'pt154', 'cp866', 'koi8-r', 'latin1', 'marc8'];
export const MODE_CHOICES = ['strict', 'lenient', 'skip'];
