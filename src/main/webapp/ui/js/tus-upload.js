import {errorFrom} from './api.js';

/**
 * A small tus 1.0 client (core, creation, termination) for the publish page: the server's /uploads endpoint
 * (docs/api.md, "Resumable uploads"). The file is sent in chunks, each a slice of the File the browser streams
 * from disk. When a request fails for a reason that may pass (network down, 5xx, 409 offset mismatch, 423 busy),
 * the client waits, asks the server for the offset it holds (HEAD) and continues from there, so a network drop
 * costs only the bytes in flight. The upload's URL is kept in localStorage under the file's fingerprint, so even a
 * reloaded page resumes instead of starting again. The server checks the digest when the last byte arrives,
 * exactly like a plain publish.
 */
const TUS = {'Tus-Resumable': '1.0.0'};
export const CHUNK_BYTES = 16 * 1024 * 1024;
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 10000];
const MAX_ATTEMPTS = 30;
const STORE = 'gpr-tus:';

/**
 * Starts an upload; returns {promise, abort()}. The promise resolves to the publish route's answer
 * ({digest, size, ...}) or rejects with an ApiError (code ABORTED when cancelled).
 *
 * @param {object} o
 * @param {File} o.file
 * @param {{namespace: string, name: string, version: string, variant: string}} o.target
 * @param {string} o.digest "sha256:<hex>" the server must find
 * @param {() => string} o.token the bearer token (read for every request: it may be refreshed meanwhile)
 * @param {(done: number, total: number) => void} [o.onProgress]
 * @param {(attempt: number, error: Error) => void} [o.onRetry] a request failed; another attempt follows
 * @param {() => void} [o.onResumed] the upload goes on after a failure
 * @param {number} [o.chunkBytes]
 */
export function tusUpload({file, target, digest, token, onProgress = () => {}, onRetry = () => {},
  onResumed = () => {}, chunkBytes = CHUNK_BYTES}) {
  let xhr = null;
  let aborted = false;
  let url = null;
  let wake = null;
  const key = STORE + [file.name, file.size, file.lastModified, target.namespace, target.name, target.version,
    target.variant, digest].join('|');

  function request(method, path, headers, body, progress) {
    return new Promise((resolve, reject) => {
      if (aborted) {
        reject(cancelled());
        return;
      }
      xhr = new XMLHttpRequest();
      xhr.open(method, path);
      xhr.setRequestHeader('Authorization', `Bearer ${token()}`);
      Object.entries({...TUS, ...headers}).forEach(([k, v]) => xhr.setRequestHeader(k, v));
      if (progress) xhr.upload.addEventListener('progress', (e) => progress(e.loaded));
      xhr.addEventListener('load', () => resolve(xhr));
      xhr.addEventListener('error', () => reject(errorFrom(0, '')));
      xhr.addEventListener('timeout', () => reject(errorFrom(0, '')));
      xhr.addEventListener('abort', () => reject(cancelled()));
      xhr.send(body === undefined ? null : body);
    });
  }

  function failure(x) {
    return errorFrom(x.status, x.responseText);
  }

  async function create() {
    const metadata = Object.entries({...target, digest, filename: file.name})
      .map(([k, v]) => `${k} ${base64(v)}`).join(',');
    const x = await request('POST', '/uploads', {'Upload-Length': String(file.size), 'Upload-Metadata': metadata});
    if (x.status !== 201) throw failure(x);
    const location = new URL(x.getResponseHeader('Location'), window.location.href);
    url = location.pathname;
    store(url);
    return 0;
  }

  /** The offset the server holds, or null when the upload is gone (expired, refused, collected). */
  async function offset() {
    const x = await request('HEAD', url, {});
    if (x.status === 200) return Number(x.getResponseHeader('Upload-Offset'));
    if (x.status === 404 || x.status === 410) return null;
    throw failure(x);
  }

  async function send(from) {
    let at = from;
    while (at < file.size) {
      const end = Math.min(file.size, at + chunkBytes);
      const start = at;
      const x = await request('PATCH', url, {'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(at)},
        file.slice(start, end), (loaded) => onProgress(start + loaded, file.size));
      if (x.status !== 204) throw failure(x);
      at = Number(x.getResponseHeader('Upload-Offset'));
      onProgress(at, file.size);
    }
  }

  async function result() {
    const x = await request('GET', url, {});
    if (x.status !== 200) throw failure(x);
    return JSON.parse(x.responseText).result || {};
  }

  /** Whether another attempt may succeed where this one failed (a 409 of the publish, ALREADY_EXISTS, may not). */
  function transient(error) {
    return error.status === 0 || error.status >= 500 || error.code === 'UPLOAD_OFFSET_MISMATCH' || error.status === 423;
  }

  /** The session is gone (expired while the network was down, or collected): start a new one from byte 0. */
  function gone(error) {
    return url && (error.status === 404 || error.status === 410);
  }

  function pause(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        window.removeEventListener('online', done);
        wake = null;
        resolve();
      }
      wake = done;
      window.addEventListener('online', done); // the network is back: retry at once
    });
  }

  async function run() {
    url = load();
    let attempt = 0;
    let failedBefore = false;
    for (;;) {
      try {
        let at = url ? await offset() : null;
        if (at === null) at = await create();
        if (failedBefore) onResumed(at);
        onProgress(at, file.size);
        await send(at);
        const answer = await result();
        forget();
        return answer;
      } catch (error) {
        if (aborted || error.code === 'ABORTED') throw cancelled();
        if (gone(error)) {
          forget();
          url = null;
        } else if (!transient(error)) {
          if (error.status !== 401) forget(); // the server refused these bytes or this target for good
          throw error;
        }
        attempt += 1;
        if (attempt >= MAX_ATTEMPTS) throw error;
        failedBefore = true;
        onRetry(attempt, error);
        await pause(RETRY_DELAYS_MS[Math.min(attempt - 1, RETRY_DELAYS_MS.length - 1)]);
      }
    }
  }

  function store(value) {
    try {
      localStorage.setItem(key, value);
    } catch (e) {
      // private mode or full: resuming still works within this page
    }
  }

  function load() {
    try {
      return localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  function forget() {
    try {
      localStorage.removeItem(key);
    } catch (e) {
      // nothing stored
    }
  }

  /** Cancels the request in flight and ends the session on the server, so its staged bytes go at once. */
  function abort() {
    aborted = true;
    if (xhr) xhr.abort();
    if (wake) wake();
    if (url) {
      const ended = url;
      forget();
      fetch(ended, {method: 'DELETE', headers: {...TUS, Authorization: `Bearer ${token()}`}}).catch(() => {});
    }
  }

  return {promise: run(), abort};
}

function cancelled() {
  return Object.assign(new Error('Upload cancelled'), {code: 'ABORTED'});
}

function base64(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  bytes.forEach((b) => {
    binary += String.fromCharCode(b);
  });
  return btoa(binary);
}
