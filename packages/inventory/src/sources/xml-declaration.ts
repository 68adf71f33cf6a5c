/** The encoding an XML file declares in `<?xml version="1.0" encoding="…"?>`, read from its first bytes. */
export function declaredXmlEncoding(head: Uint8Array): string | undefined {
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 512)).toString('latin1', start);
  const decl = /^\s*<\?xml\s[^?]*\?>/.exec(text);
  if (decl === null) return undefined;
  const enc = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(decl[0]);
  return enc?.[2]?.trim();
}
