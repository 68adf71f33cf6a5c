import { lazyModule } from '@kitap/core';
import type Iconv from 'iconv-lite';

/**
 * iconv-lite, loaded the first time a legacy character set is decoded, from its CommonJS entry
 * (~5 ms, against ~12 ms as an ES module import): most runs read UTF-8 and need none of it.
 */
export const iconvLite = lazyModule<typeof Iconv>(import.meta.url, 'iconv-lite');
