// The identity step of the deployment's mode (API.md 1.1 "Voter identity modes"):
// pesel: a PESEL field; email-code: PESEL and e-mail, a code sent by POST /verification-codes,
// then the code; oidc: sign-in with the city's OpenID Connect provider (authorization code + PKCE).
import { h, field } from './dom.js';
import { t } from './i18n.js';
import { post, paths, problemText } from './api.js';

const tokenKey = 'oidc.token';
const pendingKey = 'oidc.pending';

/** Builds the step; proof() gives { person, headers } for the request, or null (and says why next to the field). */
export function identityStep(config, { onBeforeSignIn } = {}) {
  const mode = config.identityMode ?? 'pesel';
  const box = h('fieldset', { class: 'identity' }, h('legend', {}, t('identity')));
  if (mode === 'oidc') return oidcStep(config, box, onBeforeSignIn);
  const pesel = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: '11', pattern: '[0-9]{11}', required: true, name: 'pesel' });
  box.append(field(t('pesel'), pesel, t('peselHelp')));
  const problem = h('p', { class: 'field-error', role: 'alert' });
  if (mode !== 'email-code') {
    box.append(problem);
    return { element: box, proof: () => (check(pesel, problem) ? { person: { pesel: pesel.value.trim() }, headers: {} } : null) };
  }
  const email = h('input', { type: 'email', autocomplete: 'email', required: true, name: 'email' });
  const code = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', name: 'code' });
  const sent = h('p', { class: 'status', role: 'status' });
  const send = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    if (!check(pesel, problem) || !email.value.includes('@')) { problem.textContent = t('required'); return; }
    const answer = await post(paths.verificationCodes(), { voter: { pesel: pesel.value.trim() }, email: email.value.trim() });
    sent.textContent = answer.ok ? t('codeSent') : (problemText(answer) ?? t('networkError'));
  } }, t('sendCode'));
  box.append(field(t('email'), email), send, sent, field(t('code'), code), problem);
  return {
    element: box,
    proof: () => (check(pesel, problem) && check(code, problem) ? { person: { pesel: pesel.value.trim(), code: code.value.trim() }, headers: {} } : null),
  };
}

function check(input, problem) {
  const ok = input.value.trim().length > 0 && input.checkValidity();
  input.setAttribute('aria-invalid', ok ? 'false' : 'true');
  problem.textContent = ok ? '' : t('required');
  return ok;
}

function oidcStep(config, box, onBeforeSignIn) {
  const token = currentToken();
  const status = h('p', { class: 'status', role: 'status' });
  if (token) {
    status.textContent = t('oidcSignedIn');
    box.append(status);
    return { element: box, proof: () => ({ person: undefined, headers: { Authorization: `Bearer ${token}` } }) };
  }
  const oidc = config.oidc;
  const button = h('button', { type: 'button', onclick: async () => {
    onBeforeSignIn?.();
    button.disabled = true;
    try {
      await signIn(oidc, location.hash);
    } catch {
      status.textContent = t('networkError');
      button.disabled = false;
    }
  } }, t('oidcSignIn'));
  if (!oidc?.clientId) { button.disabled = true; status.textContent = t('oidcMissing'); }
  box.append(button, status);
  return { element: box, proof: () => { status.textContent = t('oidcSignIn'); button.focus(); return null; } };
}

function currentToken() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(tokenKey) ?? 'null');
    return saved && saved.expiresAt > Date.now() ? saved.token : null;
  } catch { return null; }
}

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomText = (n) => base64url(crypto.getRandomValues(new Uint8Array(n)));

async function discover(authority) {
  const response = await fetch(`${authority.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`discovery: HTTP ${response.status}`);
  return response.json();
}

async function signIn(oidc, returnHash) {
  const discovery = await discover(oidc.authority);
  const verifier = randomText(32);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = randomText(16);
  sessionStorage.setItem(pendingKey, JSON.stringify({ verifier, state, returnHash, tokenEndpoint: discovery.token_endpoint }));
  const query = new URLSearchParams({
    response_type: 'code', client_id: oidc.clientId, redirect_uri: `${location.origin}/`, scope: oidc.scope || 'openid',
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(`${discovery.authorization_endpoint}?${query}`);
}

/** Back from the provider (?code=&state=): trade the code for an access token, then return to the page that asked. */
export async function completeSignIn(config) {
  const query = new URLSearchParams(location.search);
  if (!query.has('code') || !query.has('state')) return;
  const pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null');
  sessionStorage.removeItem(pendingKey);
  history.replaceState(null, '', `/${pending?.returnHash ?? ''}`);
  if (!pending || pending.state !== query.get('state') || !config.oidc) return;
  const form = new URLSearchParams({
    grant_type: 'authorization_code', code: query.get('code'), redirect_uri: `${location.origin}/`,
    client_id: config.oidc.clientId, code_verifier: pending.verifier,
  });
  const response = await fetch(pending.tokenEndpoint, { method: 'POST', body: form });
  if (!response.ok) return;
  const answer = await response.json();
  sessionStorage.setItem(tokenKey, JSON.stringify({ token: answer.access_token, expiresAt: Date.now() + (answer.expires_in ?? 300) * 1000 }));
}

