// Stub of 'k6/http': answers synchronously from the in-memory fake API (LoadTests/mock/fake-api.mjs).
import { state } from '../state.mjs';

function pick(obj, selector) {
  if (!selector) return obj;
  return selector.split('.').reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);
}

export function request(method, url, body, params = {}) {
  if (!state.api) throw new Error('k6/http stub: no fake API installed');
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new TypeError(`k6/http stub: absolute URL expected, got ${url}`);
  if (body !== null && body !== undefined && typeof body !== 'string') throw new TypeError('k6/http stub: body must be a string here (JSON.stringify it)');
  if (params.headers && typeof params.headers !== 'object') throw new TypeError('params.headers must be an object');
  const r = state.api.handle(method, url, body ?? null, params.headers ?? {});
  const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  state.requests.push({ method, url, status: r.status, name: params.tags && params.tags.name });
  return {
    status: r.status, body: text, headers: r.headers, url, request: { method, url, body },
    timings: { duration: 1, waiting: 1 },
    json(selector) { return pick(JSON.parse(text), selector); },
  };
}

export const get = (url, params) => request('GET', url, null, params);
export const post = (url, body, params) => request('POST', url, body, params);
export const put = (url, body, params) => request('PUT', url, body, params);
export const patch = (url, body, params) => request('PATCH', url, body, params);
export const del = (url, body, params) => request('DELETE', url, body, params);
export const head = (url, params) => request('HEAD', url, null, params);
export const options = (url, body, params) => request('OPTIONS', url, body, params);
export function batch(requests) {
  return requests.map((r) => (Array.isArray(r) ? request(...r) : request(r.method, r.url, r.body, r.params)));
}
export function expectedStatuses(...statuses) {
  return { __expectedStatuses: statuses };
}
export function setResponseCallback() {}

export default { request, get, post, put, patch, del, head, options, batch, expectedStatuses, setResponseCallback };
