/** `URL.hostname` keeps IPv6 brackets; addresses and DNS want them off. */
export function hostnameOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}
