/**
 * The request path of a route template: the base URL's own path in front,
 * `{name}` placeholders replaced by URL-encoded values (a placeholder with no
 * value is an error in kitap, not something to send).
 */
export function routePath(basePath: string, template: string, values: Readonly<Record<string, string | number>> = {}): string {
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`route ${template} needs a value for {${name}}`);
    return encodeURIComponent(String(value));
  });
  return `${basePath.replace(/\/+$/, '')}${filled}`;
}

/** Adds query parameters to a path that may already have some. */
export function withQuery(path: string, query: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  if (text === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${text}`;
}
