import { createRequire } from 'node:module';

/**
 * A CommonJS module loaded the first time it is asked for, resolved from the
 * module `from` (its `import.meta.url`): a library most runs never need
 * (an XML parser, a YAML parser, legacy character sets) costs nothing until
 * then, and its CommonJS entry often loads several times faster than its
 * ES module build (fast-xml-parser: ~6 ms against ~30).
 */
export function lazyModule<T>(from: string, name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(from)(name) as T);
}
