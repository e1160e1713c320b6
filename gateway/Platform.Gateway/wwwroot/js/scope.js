// 当前范围: the place chosen in the masthead — a street or a community inside the user's own scope — which narrows
// the lists, the whistle board, the scores and the workbench's counts until the user chooses another one. It is kept
// for the tab (like the session) and only for the user who chose it.

import { currentSession } from './session.js';

const storageKey = 'platform.scope';

/** @returns {{id: string, kind: string, name: string, streetId?: string} | null} null while the user looks at their whole scope. */
export function chosenScope() {
  const username = currentSession()?.user?.username;
  try {
    const stored = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
    return stored && username && stored.username === username ? stored.place : null;
  } catch {
    sessionStorage.removeItem(storageKey);
    return null;
  }
}

/** Narrows the console to `place`; null (or the user's own scope) widens it again. */
export function chooseScope(place) {
  const user = currentSession()?.user;
  if (!place || !user || place.id === user.scope?.id) sessionStorage.removeItem(storageKey);
  else sessionStorage.setItem(storageKey, JSON.stringify({ username: user.username, place }));
}

export function forgetScope() {
  sessionStorage.removeItem(storageKey);
}

/** The list filters of the chosen place (streetId, communityId), empty for the user's whole scope. */
export function scopeFilters() {
  const place = chosenScope();
  if (place?.kind === 'street') return { streetId: place.id };
  if (place?.kind === 'community') return place.streetId ? { streetId: place.streetId, communityId: place.id } : { communityId: place.id };
  return {};
}

/** "兴华南里社区" while narrowed, else null: pages say which place their figures are for. */
export function scopeLabel() {
  return chosenScope()?.name ?? null;
}
