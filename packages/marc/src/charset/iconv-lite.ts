import { createRequire } from 'node:module';
import type Iconv from 'iconv-lite';

let loaded: typeof Iconv | undefined;

/**
 * iconv-lite, loaded the first time a legacy character set is decoded, from its CommonJS entry
 * (~5 ms, against ~12 ms as an ES module import): most runs read UTF-8 and need none of it.
 */
export function iconvLite(): typeof Iconv {
  return (loaded ??= createRequire(import.meta.url)('iconv-lite') as typeof Iconv);
}
