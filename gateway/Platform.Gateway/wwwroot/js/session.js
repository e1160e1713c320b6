// The signed-in user's tokens, kept in sessionStorage: they survive a reload of the tab but not closing it,
// and other tabs never see them.

const storageKey = 'platform.session';

/** @returns {{accessToken: string, refreshToken: string|null, user: object} | null} */
export function currentSession() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
    return stored?.accessToken && stored?.user ? stored : null;
  } catch {
    sessionStorage.removeItem(storageKey);
    return null;
  }
}

/** Stores the answer of /api/identity/token or /api/identity/refresh. */
export function saveTokens(tokenResponse) {
  const session = {
    accessToken: tokenResponse.accessToken,
    refreshToken: tokenResponse.refreshToken ?? null,
    user: tokenResponse.user,
  };
  sessionStorage.setItem(storageKey, JSON.stringify(session));
  return session;
}

export function updateUser(user) {
  const session = currentSession();
  if (session) sessionStorage.setItem(storageKey, JSON.stringify({ ...session, user }));
}

export function clearSession() {
  sessionStorage.removeItem(storageKey);
}
