// The one way the console talks to the gateway: JSON in and out, the bearer token on every call, one silent
// refresh when the access token has expired, and RFC 7807 problem details turned into ApiError.

import { clearSession, currentSession, saveTokens } from './session.js';

export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds = null) {
    super(problem?.detail || problem?.title || `请求失败（${status}）`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? {};
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The server's explanation, for showing to the user. */
  get reason() {
    return this.problem.detail || this.problem.title || '';
  }
}

/** Thrown when the gateway cannot be reached at all. */
export class NetworkError extends Error {
  constructor(cause) {
    super('无法连接到平台服务器，请检查网络后重试。', { cause });
    this.name = 'NetworkError';
  }
}

let onSessionExpired = () => {};

/** What to do when neither the access token nor the refresh token is accepted any more. */
export function whenSessionExpires(handler) {
  onSessionExpired = handler;
}

export const api = {
  get: (path) => send('GET', path),
  post: (path, body, headers) => send('POST', path, body, headers),
  /** A file sent as multipart/form-data; the browser writes the content type with its boundary. */
  upload: (path, form, headers) => send('POST', path, form, headers),
  /** A file the user may see (a photo of a need) as a Blob: it needs the token, so it cannot be a plain <img src>. */
  blob: (path) => authorized('GET', path).then((response) => (response.ok ? response.blob() : read(response))),
  /** A call that must not carry a token (sign-in, refresh, anonymous documents). */
  anonymous: (method, path, body) => exchange(method, path, body, null).then(read),
  /** Revokes a session on the server; no refresh and no expiry handling, since the user is leaving anyway. */
  signOut: (session) => exchange('POST', '/api/identity/logout', { refreshToken: session.refreshToken }, session.accessToken).then(read),
};

async function send(method, path, body, headers) {
  return read(await authorized(method, path, body, headers));
}

async function authorized(method, path, body, headers) {
  const session = currentSession();
  let response = await exchange(method, path, body, session?.accessToken ?? null, headers);
  if (response.status === 401 && session?.refreshToken) {
    const renewed = await refreshOnce(session.refreshToken);
    if (renewed) response = await exchange(method, path, body, renewed.accessToken, headers);
  }
  if (response.status === 401) {
    clearSession();
    onSessionExpired();
  }
  return response;
}

// Pages load several things at once; when the token expires they must share one refresh, because a refresh
// token is single-use and a second concurrent refresh would be refused.
let pendingRefresh = null;

function refreshOnce(refreshToken) {
  pendingRefresh ??= exchange('POST', '/api/identity/refresh', { refreshToken }, null)
    .then(async (response) => (response.ok ? saveTokens(await response.json()) : null))
    .catch(() => null)
    .finally(() => { pendingRefresh = null; });
  return pendingRefresh;
}

async function exchange(method, path, body, accessToken, extraHeaders = {}) {
  const headers = { ...extraHeaders, Accept: 'application/json, application/problem+json' };
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(path, {
      method,
      headers,
      body: body === undefined || multipart ? body : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (error) {
    throw new NetworkError(error);
  }
}

/**
 * A fresh Idempotency-Key. A phone that loses its connection after sending does not know whether the request arrived;
 * sending it again with the same key gets the first answer instead of a second record. getRandomValues works where
 * randomUUID does not: on a district's plain-http intranet address.
 */
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The body of a successful response, or an ApiError carrying the problem details of a failed one. */
export async function read(response) {
  if (response.ok) {
    if (response.status === 204) return null;
    const type = response.headers.get('Content-Type') ?? '';
    return type.includes('json') ? response.json() : response.text();
  }
  let problem = null;
  try {
    problem = await response.json();
  } catch {
    // A proxy or a crashed host may answer with an empty or HTML body; the status still tells what happened.
  }
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  throw new ApiError(response.status, problem, Number.isFinite(retryAfter) ? retryAfter : null);
}
