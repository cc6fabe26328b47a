/** "https://hooks.example.com:8443" of a URL (scheme, host, port; the default port left out): where a request goes. */
export function urlOrigin(url: string): string {
  const { protocol, host } = new URL(url);
  return `${protocol}//${host}`;
}
