import { basename } from 'node:path';

/**
 * A file of the migration folder that the page cannot show: not written (the
 * migration stopped before that stage) or not readable. The page says which
 * and why instead of failing.
 */
export interface FileProblem {
  file: string;
  state: 'missing' | 'unreadable';
  error?: string;
}

/** A file the page can show, with what was read from it. */
export type FileView<T> = ({ file: string; state: 'ok' } & T) | FileProblem;

/** Turns an error of reading `path` into what the page says about the file. */
export function fileProblem(path: string, error: unknown): FileProblem {
  const file = basename(path);
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return { file, state: 'missing' };
  return { file, state: 'unreadable', error: error instanceof Error ? error.message : String(error) };
}
