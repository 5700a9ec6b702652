/**
 * The web mode's access token: it arrives once in the page URL (`?token=...`), is kept for this tab
 * in sessionStorage so that a reload still works, and is removed from the address bar at once so
 * that it does not end up in the history, a bookmark or a screenshot.
 */
const KEY = 'goplug.token';

export function takeToken(location: Location = window.location, history: History = window.history): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return sessionStorage.getItem(KEY) ?? '';
}
