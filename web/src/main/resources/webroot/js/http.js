import { ApiError, NetworkError, SessionEnded } from './errors.js';

/**
 * JSON over HTTP to /api/v1: adds the access token, turns the server's error shape
 * ({"error":{"code","message"}}) into ApiError and a failed connection into NetworkError. A 401
 * on an authenticated call gets one retry with a freshly refreshed token; a second 401 ends the
 * session.
 */
export function createHttp(session, { base = '/api/v1', fetchImpl = (...args) => fetch(...args) } = {}) {
  async function request(method, path, body, { auth = true, retried = false } = {}) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (auth) {
      headers.Authorization = `Bearer ${await session.accessToken({ force: retried })}`;
    }
    let response;
    try {
      response = await fetchImpl(base + path, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new NetworkError(error);
    }
    if (response.status === 204) {
      return null;
    }
    const payload = await response.json().catch(() => null);
    if (response.ok) {
      return payload;
    }
    if (response.status === 401 && auth) {
      if (!retried) {
        return request(method, path, body, { auth, retried: true });
      }
      session.end();
      throw new SessionEnded(payload?.error?.message);
    }
    const error = new ApiError(response.status, payload?.error?.code, payload?.error?.message);
    error.retryAfter = Number(response.headers.get('Retry-After')) || undefined;
    // Machine-readable details ride along in the error object (e.g. maxBytes of media.too_large).
    error.details = payload?.error || {};
    throw error;
  }

  return {
    get: (path, options) => request('GET', path, undefined, options),
    post: (path, body = {}, options) => request('POST', path, body, options),
    patch: (path, body = {}, options) => request('PATCH', path, body, options),
    put: (path, body = {}, options) => request('PUT', path, body, options),
    delete: (path, body, options) => request('DELETE', path, body, options),
  };
}

/** Builds a query string from the defined values only: query({ q: 'ann', limit: 20 }) → "?q=ann&limit=20". */
export function query(params) {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([key, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  });
  const text = search.toString();
  return text ? `?${text}` : '';
}
