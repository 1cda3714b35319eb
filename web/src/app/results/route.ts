/**
 * A result's address in the web client, #/results/<id>: the Results bot's cards link to it
 * ("View"), and it opens the Results section with the result page.
 */
export function resultHash(resultId: string): string {
  return `#/results/${encodeURIComponent(resultId)}`;
}

/** The result id in a #/results/<id> address, or null. */
export function resultOfHash(hash: string): string | null {
  const m = /^#\/results\/([^/?#]+)$/.exec(hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}
