// The public API of the gateway (API.md). Every answer comes back as { ok, status, body }; a
// problem+json body keeps its code, detail and errors.
import { t } from './i18n.js';

export async function call(method, path, body, headers = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    return { ok: false, status: 0, body: { code: 'network' } };
  }
  const type = response.headers.get('Content-Type') ?? '';
  const parsed = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  return { ok: response.ok, status: response.status, body: parsed, headers: response.headers };
}

export const get = (path, headers) => call('GET', path, undefined, headers);
export const post = (path, body, headers) => call('POST', path, body, headers);

const enc = encodeURIComponent;
export const paths = {
  edition: (id) => `/api/v1/editions/${enc(id)}`,
  results: (id) => `/api/v1/editions/${enc(id)}/results`,
  ballots: (id) => `/api/v1/editions/${enc(id)}/ballots`,
  turnout: (id) => `/api/v1/editions/${enc(id)}/turnout`,
  proposals: (id, query = '') => `/api/v1/editions/${enc(id)}/proposals${query}`,
  proposal: (id, pid) => `/api/v1/editions/${enc(id)}/proposals/${enc(pid)}`,
  supporters: (id, pid) => `/api/v1/editions/${enc(id)}/proposals/${enc(pid)}/supporters`,
  receipt: (id) => `/api/v1/receipts/${enc(id)}`,
  initiative: (id) => `/api/v1/initiatives/${enc(id)}`,
  signatures: (id) => `/api/v1/initiatives/${enc(id)}/signatures`,
  verificationCodes: () => '/api/v1/verification-codes',
};

let config;
/** The deployment's page settings: identity mode, editions and initiatives to list (GET /config.json). */
export async function siteConfig() {
  if (!config) {
    const answer = await get('/config.json');
    config = answer.ok && answer.body ? answer.body : { identityMode: 'pesel', editions: [], initiatives: [] };
  }
  return config;
}

/**
 * One line for a problem answer: for the codes a resident meets, a sentence in the page's
 * language; otherwise the API's detail (or title), else its code.
 */
export function problemText(answer) {
  const body = answer.body;
  if (answer.status === 0) return null;
  if (body && typeof body === 'object') {
    const resident = body.code ? t(`problem.${body.code}`) : null;
    if (resident && resident !== `problem.${body.code}`) return resident;
    return body.detail || body.title || body.code || `HTTP ${answer.status}`;
  }
  return `HTTP ${answer.status}`;
}
