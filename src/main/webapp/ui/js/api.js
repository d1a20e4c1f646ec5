// The HTTP API from the browser. The session token lives in sessionStorage (this tab only, gone when the tab
// closes) and travels in the Authorization header: never in a cookie, so there is nothing for CSRF to ride on.

const KEY = 'gpr.session';
const listeners = new Set();

export const session = {
  get() {
    try {
      return JSON.parse(sessionStorage.getItem(KEY) || 'null');
    } catch (e) {
      return null;
    }
  },
  get token() {
    const s = this.get();
    return s ? s.token : null;
  },
  get user() {
    const s = this.get();
    return s ? s.user : null;
  },
  hasScope(scope) {
    const user = this.user;
    return Boolean(user && user.scopes && (user.scopes.includes(scope) || user.scopes.includes('admin')));
  },
  save(token, user, expiresAt) {
    sessionStorage.setItem(KEY, JSON.stringify({token, user: user || this.user, expires_at: expiresAt || null}));
    notify('saved');
  },
  clear(reason = 'logout') {
    sessionStorage.removeItem(KEY);
    notify(reason);
  },
};

/** Called with 'saved', 'logout' or 'expired' whenever the session changes. */
export function onSessionChange(listener) {
  listeners.add(listener);
}

function notify(reason) {
  listeners.forEach((l) => l(reason));
}

export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.code = code || `HTTP_${status}`;
    this.body = body;
  }
}

/** The server's error body as an ApiError ({"error":{"code","message"}}). */
export function errorFrom(status, text) {
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = null;
  }
  const error = body && body.error ? body.error : {};
  const message = error.message || (status === 0 ? 'The server could not be reached' : `Request failed (HTTP ${status})`);
  return new ApiError(status, error.code, message, body);
}

/**
 * Calls the API with the session's token. A 401 on a call made with a token ends the session ('expired'),
 * which sends the user back to the login page, unless the caller handles 401 itself (keep401).
 */
export async function api(path, {method = 'GET', body, headers = {}, keep401 = false} = {}) {
  const token = session.token;
  const init = {method, headers: {Accept: 'application/json', ...headers}, cache: 'no-store'};
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
  const text = await response.text();
  if (!response.ok) {
    const error = errorFrom(response.status, text);
    if (response.status === 401 && token && !keep401) {
      session.clear('expired');
    }
    throw error;
  }
  const result = text ? JSON.parse(text) : {};
  const etag = response.headers.get('ETag');
  if (etag && result && typeof result === 'object') result.__etag = etag;
  return result;
}

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => {
    if (v !== null && v !== undefined && v !== '') search.set(k, v);
  });
  const s = search.toString();
  return s ? `?${s}` : '';
}

export const enc = encodeURIComponent;

export async function login(username, password) {
  const result = await api('/auth/login', {method: 'POST', body: {username, password}});
  session.save(result.token, result.user, result.expires_at);
  return result;
}

export async function logout() {
  try {
    if (session.token) await api('/auth/logout', {method: 'POST', keep401: true});
  } finally {
    session.clear('logout');
  }
}

let refreshTimer = null;

/** Renews the session token a minute before it expires, while the tab is open. */
export function scheduleRefresh() {
  clearTimeout(refreshTimer);
  const s = session.get();
  if (!s || !s.expires_at) return;
  const wait = new Date(s.expires_at).getTime() - Date.now() - 60000;
  refreshTimer = setTimeout(async () => {
    try {
      const result = await api('/auth/refresh', {method: 'POST'});
      session.save(result.token, result.user, result.expires_at);
      scheduleRefresh();
    } catch (e) {
      // a 401 already ended the session; other failures leave it to expire
    }
  }, Math.max(wait, 5000));
}
