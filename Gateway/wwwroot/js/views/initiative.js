import { h, replace } from '../dom.js';
import { t, dateTime, number } from '../i18n.js';
import { get, post, paths, problemText, siteConfig } from '../api.js';
import { identityStep } from '../identity.js';
import { pageTitle, failure, link } from './common.js';

export async function initiativeView(main, initiativeId) {
  const [answer, config] = await Promise.all([get(paths.initiative(initiativeId)), siteConfig()]);
  if (!answer.ok) return failure(main, answer);
  const i = answer.body;
  const progressId = 'signature-progress';
  const count = h('p', { id: `${progressId}-label` }, t('signatures', { n: number(i.signatures), threshold: number(i.threshold) }));
  const bar = h('progress', { id: progressId, max: String(i.threshold), value: String(Math.min(i.signatures, i.threshold)), 'aria-labelledby': `${progressId}-label` });
  const outcome = h('p', { role: 'status' });
  let form = null;
  if (i.status === 'collecting' || i.status === 'threshold-reached') {
    const identity = identityStep(config);
    form = h('form', { novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      const proof = identity.proof();
      if (!proof) return;
      const result = await post(paths.signatures(i.id), proof.person ? { voter: proof.person } : {}, { 'Idempotency-Key': crypto.randomUUID(), ...proof.headers });
      if (result.ok) {
        outcome.textContent = t('signed', { id: result.body.receiptId });
        count.textContent = t('signatures', { n: number(result.body.signatures), threshold: number(i.threshold) });
        bar.value = Math.min(result.body.signatures, i.threshold);
      } else {
        outcome.textContent = problemText(result) ?? t('networkError');
      }
    } }, h('p', {}, t('signAge')), identity.element, h('button', { type: 'submit' }, t('sign')));
  }
  replace(main, link('#/', `← ${t('home')}`), pageTitle(t('initiativeTitle', { title: i.title })),
    h('p', {}, t(`istatus.${i.status}`), ' · ', t('collectWindow', { from: dateTime(i.collectFrom), to: dateTime(i.collectUntil) })),
    count, bar, form, outcome);
}
