/** URLs as a GET may show them. */

/** No user info, no query, no fragment: where credentials ride in a URL, nothing is shown. */
export function publicUrl(url: string): string {
  return url.replace(/[?#].*$/s, "").replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1");
}
