// The public API with the key from the login form (kept in this tab's sessionStorage, sent as a Bearer header).
const KEY = 'pictor.key';
const SCOPE = 'pictor.scope';
const RANK = { read: 1, write: 2, admin: 3 };

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  get scope() { return sessionStorage.getItem(SCOPE) ?? 'read'; },
  can(scope) { return (RANK[this.scope] ?? 0) >= RANK[scope]; },
  save(key, scope) { sessionStorage.setItem(KEY, key); sessionStorage.setItem(SCOPE, scope); },
  clear() { sessionStorage.removeItem(KEY); sessionStorage.removeItem(SCOPE); },
};

/** An RFC 9457 problem (or any non-2xx answer) as an Error with a readable message. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
  }

  static fromText(status, statusText, text) {
    try {
      const problem = JSON.parse(text);
      return new ApiError(status, problem.title ?? `${status} ${statusText}`, problem.detail);
    } catch {
      return new ApiError(status, `${status} ${statusText || 'error'}`, '');
    }
  }
}

export function authHeaders(key = session.key) {
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/** fetch + the key; JSON in (merge patch) and out; throws ApiError for anything but 2xx. */
export async function api(path, { method = 'GET', json, key } = {}) {
  const headers = authHeaders(key);
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/merge-patch+json';
    body = JSON.stringify(json);
  }
  const response = await fetch(path, { method, headers, body, cache: 'no-store' });
  if (!response.ok) {
    const error = ApiError.fromText(response.status, response.statusText, await response.text());
    if (response.status === 401 && key === undefined) window.dispatchEvent(new CustomEvent('pictor:unauthorized', { detail: error.message }));
    throw error;
  }
  if (response.status === 204) return null;
  return (response.headers.get('Content-Type') ?? '').includes('json') ? response.json() : response;
}

/** Upload one file with progress (fetch cannot report upload progress): POST multipart, or PUT raw to replace. */
export function upload(id, file, { replace = false, onProgress } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(replace ? 'PUT' : 'POST', `/original/${encodeURIComponent(id)}`);
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = e => { if (e.lengthComputable) onProgress?.(e.loaded / e.total); };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText));
      else reject(ApiError.fromText(xhr.status, xhr.statusText, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'Network error', 'the upload did not reach the service'));
    if (replace) {
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      xhr.send(file);
    } else {
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    }
  });
}

export const idPattern = /^[A-Za-z0-9_-]{1,128}$/;

/** An image ID from a file name: the name without its extension, other characters as '-'. */
export function idFromFileName(name) {
  const stem = name.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 128);
  return stem || `image-${Date.now()}`;
}

export function formatBytes(n) {
  if (n == null) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
