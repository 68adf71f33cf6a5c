import { type Place, formatPlace } from '@kitap/core';

/** A place without its file name, for lists where the file is said once at the top. */
export function placeInFile(place: Place): string {
  const { file: _file, ...rest } = place;
  return formatPlace(rest);
}
