// Proposal submission and support (the budget cycle, API.md 1.1).
import { h, field, replace } from '../dom.js';
import { t, money, dateTime } from '../i18n.js';
import { get, post, paths, problemText, siteConfig } from '../api.js';
import { identityStep } from '../identity.js';
import { pageTitle, failure, link } from './common.js';

export async function proposeView(main, editionId) {
  const [answer, config] = await Promise.all([get(paths.edition(editionId)), siteConfig()]);
  if (!answer.ok) return failure(main, answer);
  const edition = answer.body;
  const pool = h('select', { required: true }, edition.pools.map((p) => h('option', { value: p.id }, p.name || p.id)));
  const title = h('input', { type: 'text', maxlength: '200', required: true });
  const description = h('textarea', { maxlength: '10000', rows: '6', required: true });
  const cost = h('input', { type: 'number', min: '1', step: '1', inputmode: 'numeric', required: true });
  const place = h('input', { type: 'text', maxlength: '200' });
  const category = h('input', { type: 'text', maxlength: '100' });
  const identity = identityStep(config);
  const outcome = h('div', { role: 'status' });
  const form = h('form', { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const missing = [title, description, cost].filter((input) => !input.value.trim());
    for (const input of [title, description, cost]) input.setAttribute('aria-invalid', missing.includes(input) ? 'true' : 'false');
    if (missing.length > 0) { outcome.textContent = t('required'); missing[0].focus(); return; }
    const proof = identity.proof();
    if (!proof) return;
    const body = { poolId: pool.value, title: title.value.trim(), description: description.value.trim(), costEstimate: Number(cost.value) };
    if (place.value.trim()) body.location = place.value.trim();
    if (category.value.trim()) body.category = category.value.trim();
    if (proof.person) body.author = proof.person;
    const result = await post(paths.proposals(editionId), body, proof.headers);
    if (result.ok) {
      replace(outcome, h('p', {}, t('proposalCreated', { id: result.body.proposalId }), ' ',
        link(`#/e/${encodeURIComponent(editionId)}/p/${encodeURIComponent(result.body.proposalId)}`, t('proposalLink'))));
    } else {
      outcome.textContent = problemText(result) ?? t('networkError');
    }
  } },
  field(t('pool'), pool), field(t('proposalTitle'), title), field(t('description'), description), field(t('costEstimate'), cost),
  field(t('location'), place), field(t('category'), category), identity.element, h('button', { type: 'submit' }, t('submitProposal')), outcome);
  replace(main, link(`#/e/${encodeURIComponent(editionId)}`, `← ${edition.name}`), pageTitle(t('proposeTitle', { name: edition.name })), form);
}

export async function proposalView(main, editionId, proposalId) {
  const [answer, config] = await Promise.all([get(paths.proposal(editionId, proposalId)), siteConfig()]);
  if (!answer.ok) return failure(main, answer);
  const p = answer.body;
  const supporters = h('p', { id: 'supporters' }, t('supporters', { n: p.supporters }));
  const outcome = h('p', { role: 'status' });
  let form = null;
  if (p.status === 'collecting-support' || p.status === 'submitted') {
    const identity = identityStep(config);
    form = h('form', { id: 'support-form', novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      const proof = identity.proof();
      if (!proof) return;
      const result = await post(paths.supporters(editionId, proposalId), proof.person ? { voter: proof.person } : {}, proof.headers);
      if (result.ok) {
        outcome.textContent = t('supported', { n: result.body.supporters });
        supporters.textContent = t('supporters', { n: result.body.supporters });
      } else {
        outcome.textContent = problemText(result) ?? t('networkError');
      }
    } }, identity.element, h('button', { type: 'submit' }, t('support')));
  }
  replace(main, link(`#/e/${encodeURIComponent(editionId)}`, `← ${t('backToEdition')}`),
    pageTitle(p.title),
    h('p', {}, t(`pstatus.${p.status}`), ' · ', t('costEstimate'), ': ', money(p.costEstimate),
      p.verifiedCost ? [' · ', t('verifiedCost'), ': ', money(p.verifiedCost)] : null),
    h('p', { class: 'description' }, p.description),
    p.location ? h('p', {}, t('location'), ': ', p.location) : null,
    supporters,
    h('h2', {}, t('history')),
    h('ul', {}, (p.history ?? []).map((entry) => h('li', {}, dateTime(entry.at), ': ', t(`pstatus.${entry.status}`), entry.note ? ` — ${entry.note}` : ''))),
    form, outcome, authorActions(config, editionId, p));
}

/** The author's own steps: withdraw before verification, appeal a rejection (the API checks who and when). */
function authorActions(config, editionId, p) {
  const action = p.status === 'rejected' ? 'appeal' : ['collecting-support', 'submitted'].includes(p.status) ? 'withdraw' : null;
  if (!action) return null;
  const identity = identityStep(config);
  const reason = h('textarea', { maxlength: '5000', rows: '4' });
  const outcome = h('p', { role: 'status' });
  const form = h('form', { id: 'author-form', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    if (action === 'appeal' && !reason.value.trim()) { outcome.textContent = t('required'); reason.focus(); return; }
    const proof = identity.proof();
    if (!proof) return;
    const body = action === 'appeal' ? { reason: reason.value.trim() } : {};
    if (proof.person) body.author = proof.person;
    const result = await post(`${paths.proposal(editionId, p.proposalId)}/${action}`, body, proof.headers);
    outcome.textContent = result.ok ? t(action === 'appeal' ? 'appealed' : 'withdrawn') : (problemText(result) ?? t('networkError'));
  } }, action === 'appeal' ? field(t('appealReason'), reason) : null, identity.element, h('button', { type: 'submit', class: 'secondary' }, t(action === 'appeal' ? 'appeal' : 'withdraw')), outcome);
  return h('details', { class: 'author', open: action === 'appeal' }, h('summary', {}, t('authorOnly')), form);
}
