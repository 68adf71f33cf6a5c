import { KitapError, type Place } from '@kitap/core';

/**
 * The error for a table file that cannot be opened or parsed: code E_INPUT,
 * with the file name in the message (so the CLI shows it even without the
 * place) and in the place.
 */
export function inputError(file: string, detail: string, place: Omit<Place, 'file'> = {}, cause?: unknown): KitapError {
  const error = new KitapError('E_INPUT', `${file}: ${detail}`, { file, ...place });
  if (cause !== undefined) (error as { cause?: unknown }).cause = cause;
  return error;
}

/** The message of any thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
