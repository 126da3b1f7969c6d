import { h, field, replace } from '../dom.js';
import { t, dateTime } from '../i18n.js';
import { get, paths, siteConfig } from '../api.js';
import { pageTitle, link, phaseBadge } from './common.js';

const openPhases = ['submission', 'verification', 'appeals', 'voting'];

export async function homeView(main) {
  const config = await siteConfig();
  const [editions, initiatives] = await Promise.all([
    Promise.all(config.editions.map((id) => get(paths.edition(id)))),
    Promise.all(config.initiatives.map((id) => get(paths.initiative(id)))),
  ]);
  const known = editions.filter((a) => a.ok).map((a) => a.body);
  const open = known.filter((e) => openPhases.includes(e.phase));
  const finished = known.filter((e) => ['closed', 'final'].includes(e.phase));
  const signing = initiatives.filter((a) => a.ok).map((a) => a.body);
  replace(main,
    pageTitle(t('siteTitle')),
    h('section', { 'aria-labelledby': 'editions-h' }, h('h2', { id: 'editions-h' }, t('openEditions')), editionList(open, t('noEditions'))),
    finished.length > 0 ? h('section', { 'aria-labelledby': 'finished-h' }, h('h2', { id: 'finished-h' }, t('finishedEditions')), editionList(finished, '')) : null,
    h('section', { 'aria-labelledby': 'initiatives-h' }, h('h2', { id: 'initiatives-h' }, t('openInitiatives')),
      signing.length === 0 ? h('p', {}, t('noInitiatives')) : h('ul', { class: 'cards' }, signing.map((i) => h('li', { class: 'card' },
        h('h3', {}, link(`#/i/${encodeURIComponent(i.id)}`, i.title)),
        h('p', {}, t(`istatus.${i.status}`), ' · ', t('signatures', { n: i.signatures, threshold: i.threshold })))))),
    h('section', { 'aria-labelledby': 'byid-h' }, h('h2', { id: 'byid-h' }, t('openById')),
      byIdForm(t('editionId'), 'edition-id', (id) => `#/e/${encodeURIComponent(id)}`),
      byIdForm(t('initiativeId'), 'initiative-id', (id) => `#/i/${encodeURIComponent(id)}`)));
}

function editionList(editions, empty) {
  if (editions.length === 0) return h('p', {}, empty);
  return h('ul', { class: 'cards' }, editions.map((e) => h('li', { class: 'card' },
    h('h3', {}, link(`#/e/${encodeURIComponent(e.id)}`, e.name)),
    h('p', {}, phaseBadge(e.phase), ' ', t('votingWindow', { from: dateTime(e.votingOpensAt), to: dateTime(e.votingClosesAt) })))));
}

function byIdForm(label, id, target) {
  const input = h('input', { type: 'text', id, autocomplete: 'off', required: true });
  return h('form', { class: 'inline', onsubmit: (event) => {
    event.preventDefault();
    if (input.value.trim()) location.hash = target(input.value.trim());
  } }, field(label, input), h('button', { type: 'submit' }, t('open')));
}
