import { h, replace } from '../dom.js';
import { t, dateTime } from '../i18n.js';
import { get, paths } from '../api.js';
import { pageTitle, failure, link } from './common.js';

export async function receiptView(main, receiptId, fresh) {
  const answer = await get(paths.receipt(receiptId));
  if (!answer.ok) return failure(main, answer);
  const r = answer.body;
  replace(main,
    pageTitle(fresh ? t('receiptTitle') : t('receiptId')),
    h('dl', { class: 'receipt' },
      h('dt', {}, t('receiptId')), h('dd', { id: 'receipt-id' }, r.receiptId),
      h('dt', {}, t('castAt')), h('dd', {}, dateTime(r.castAt))),
    h('p', { id: 'receipt-status' }, t('receiptStatus', { status: t(`status.${r.status}`) })),
    h('p', {}, t('keepReceipt')),
    h('p', {}, link(`#/r/${encodeURIComponent(r.receiptId)}`, t('checkReceipt'), { id: 'check-receipt' })),
    h('p', {}, link(`#/e/${encodeURIComponent(r.editionId)}`, `← ${t('home')}`)));
}
