import { h, field, replace, scrollTable } from '../dom.js';
import { t, money, dateTime, number } from '../i18n.js';
import { get, paths } from '../api.js';
import { ruleSentences } from '../rules.js';
import { pageTitle, failure, link, phaseBadge, resultsVisible } from './common.js';

export async function editionView(main, editionId) {
  const answer = await get(paths.edition(editionId));
  if (!answer.ok) return failure(main, answer);
  const edition = answer.body;
  const id = encodeURIComponent(edition.id);
  const actions = h('p', { class: 'actions' },
    edition.phase === 'voting' ? link(`#/e/${id}/vote`, t('vote'), { class: 'button' }) : null,
    resultsVisible(edition) ? link(`#/e/${id}/results`, t('results'), { class: 'button secondary' }) : null,
    edition.phase === 'submission' ? link(`#/e/${id}/propose`, t('propose'), { class: 'button secondary' }) : null);
  const turnout = h('p', { class: 'muted' });
  const proposals = h('div');
  replace(main,
    link('#/', `← ${t('home')}`),
    pageTitle(edition.name),
    h('p', {}, phaseBadge(edition.phase), ' ', t('votingWindow', { from: dateTime(edition.votingOpensAt), to: dateTime(edition.votingClosesAt) })),
    actions, turnout,
    h('section', { 'aria-labelledby': 'rules-h' }, h('h2', { id: 'rules-h' }, t('pools')),
      h('ul', {},
        h('li', {}, edition.minVoterAge > 0 ? t('minAge', { age: edition.minVoterAge }) : t('anyAge')),
        h('li', {}, edition.allowBallotChange ? t('ballotChange') : t('noBallotChange')),
        edition.pools.some((p) => p.kind === 'district') ? h('li', {}, t('districtPools', { n: edition.maxDistrictPools ?? 1 })) : null),
      edition.pools.map((pool) => h('div', { class: 'pool-rules' },
        h('h3', {}, pool.name || pool.id, ' ', h('span', { class: 'muted' }, `(${pool.kind === 'district' ? t('districtPool') : t('cityPool')}, ${t('budget', { amount: money(pool.budget) })})`)),
        h('ul', {}, ruleSentences(pool).map((s) => h('li', {}, s)))))),
    projectBrowser(edition),
    proposals);
  if (['voting', 'closed', 'final'].includes(edition.phase)) {
    get(paths.turnout(edition.id)).then((a) => { if (a.ok) turnout.textContent = t('turnout', { n: number(a.body.ballots) }); });
  }
  if (['submission', 'verification', 'appeals'].includes(edition.phase)) {
    const list = await get(paths.proposals(edition.id, '?page=1'));
    if (list.ok) {
      replace(proposals, h('section', { 'aria-labelledby': 'proposals-h' }, h('h2', { id: 'proposals-h' }, t('proposals')),
        list.body.items.length === 0 ? h('p', {}, t('noProposals')) : h('ul', {}, list.body.items.map((p) => h('li', {},
          link(`#/e/${id}/p/${encodeURIComponent(p.proposalId)}`, p.title), ' — ', money(p.verifiedCost ?? p.costEstimate), ', ', t(`pstatus.${p.status}`))))));
    }
  }
}

function projectBrowser(edition) {
  const all = edition.pools.flatMap((pool) => pool.projects.map((project) => ({ ...project, pool })));
  const search = h('input', { type: 'search', id: 'project-search', autocomplete: 'off' });
  const pool = h('select', { id: 'project-pool' }, h('option', { value: '' }, t('allDistricts')), edition.pools.map((p) => h('option', { value: p.id }, p.name || p.id)));
  const maxCost = h('input', { type: 'number', id: 'project-max-cost', min: '0', step: '1000', inputmode: 'numeric' });
  const sort = h('select', { id: 'project-sort' }, h('option', { value: 'title' }, t('sortTitle')), h('option', { value: 'asc' }, t('sortCostAsc')), h('option', { value: 'desc' }, t('sortCostDesc')));
  const count = h('p', { role: 'status', class: 'muted' });
  const tbody = h('tbody');
  const render = () => {
    const text = search.value.trim().toLocaleLowerCase();
    const cap = maxCost.value === '' ? Infinity : Number(maxCost.value);
    const shown = all.filter((p) => (!text || (p.title || p.id).toLocaleLowerCase().includes(text))
      && (!pool.value || p.pool.id === pool.value) && p.cost <= cap);
    shown.sort(sort.value === 'title' ? (a, b) => (a.title || a.id).localeCompare(b.title || b.id) : (a, b) => (sort.value === 'asc' ? a.cost - b.cost : b.cost - a.cost));
    replace(tbody, shown.map((p) => h('tr', {}, h('td', {}, p.title || p.id), h('td', {}, p.pool.name || p.pool.id), h('td', { class: 'num' }, money(p.cost)))));
    count.textContent = shown.length === 0 ? t('noProjects') : t('shown', { n: shown.length, total: all.length });
  };
  for (const control of [search, pool, maxCost, sort]) control.addEventListener('input', render);
  render();
  return h('section', { 'aria-labelledby': 'projects-h' }, h('h2', { id: 'projects-h' }, t('projects')),
    h('div', { class: 'filters' }, field(t('search'), search), field(t('district'), pool), field(t('maxCost'), maxCost), field(t('sort'), sort)),
    count,
    scrollTable(t('projects'), h('table', {}, h('caption', { class: 'visually-hidden' }, t('projects')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('title')), h('th', { scope: 'col' }, t('pool')), h('th', { scope: 'col', class: 'num' }, t('cost')))), tbody)));
}
