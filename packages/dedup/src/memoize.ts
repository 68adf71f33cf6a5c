/**
 * A pure string function with its answers kept for the texts it has seen,
 * up to `limit` of them (then the memory starts over): names and publishers
 * repeat from record to record, so most are worked out once. The answers are
 * the function's own, whatever was kept.
 */
export function memoize(fn: (text: string) => string, limit = 50_000): (text: string) => string {
  let seen = new Map<string, string>();
  return (text) => {
    let answer = seen.get(text);
    if (answer === undefined) {
      answer = fn(text);
      if (seen.size >= limit) seen = new Map();
      seen.set(text, answer);
    }
    return answer;
  };
}
