import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { problemText } from '../api.js';

/** The page's h1: focused after each navigation so screen readers and keyboards start there. */
export function pageTitle(text) {
  document.title = `${text} · ${t('siteTitle')}`;
  return h('h1', { tabindex: '-1', id: 'page-title' }, text);
}

export function failure(main, answer) {
  const text = answer.status === 404 ? t('notFound') : (problemText(answer) ?? t('networkError'));
  replace(main, pageTitle(t('notFound')), h('p', { role: 'alert' }, t('error', { message: text })), link('#/', t('home')));
}

export const link = (href, text, attrs = {}) => h('a', { href, ...attrs }, text);

export const phaseBadge = (phase) => h('span', { class: `badge phase-${phase}` }, t(`phase.${phase}`));

export const resultsVisible = (edition) => ['closed', 'final'].includes(edition.phase) || (edition.phase === 'voting' && edition.liveResults);
