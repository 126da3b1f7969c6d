// The ballot builder: one section per pool the resident votes in, each enforcing its pool's caps
// while picking; the API remains the judge (its invalid-ballot errors appear next to each pool).
import { h, field, replace, uid } from '../dom.js';
import { t, money } from '../i18n.js';
import { get, post, paths, problemText, siteConfig } from '../api.js';
import { ruleSentences, fits, tally } from '../rules.js';
import { identityStep } from '../identity.js';
import { pageTitle, failure, link } from './common.js';

export async function ballotView(main, editionId) {
  const [answer, config] = await Promise.all([get(paths.edition(editionId)), siteConfig()]);
  if (!answer.ok) return failure(main, answer);
  const edition = answer.body;
  const draftKey = `draft.${editionId}`;
  const saved = JSON.parse(sessionStorage.getItem(draftKey) ?? 'null');
  const cityPools = edition.pools.filter((p) => p.kind !== 'district');
  const districtPools = edition.pools.filter((p) => p.kind === 'district');
  const state = { district: saved?.district ?? null, picks: {} };
  for (const pool of edition.pools) {
    state.picks[pool.id] = saved?.picks?.[pool.id] ?? { ids: [], ranking: [], points: {} };
  }

  const summary = h('div', { class: 'form-errors', role: 'alert', tabindex: '-1' });
  const poolsBox = h('div', { class: 'ballot-pools' });
  const sections = new Map();
  // Picks survive a language switch, a reload and the sign-in redirect; a recorded ballot clears them.
  const saveDraft = () => sessionStorage.setItem(draftKey, JSON.stringify(state));
  const renderPools = () => {
    sections.clear();
    const visible = [...cityPools, ...districtPools.filter((p) => p.id === state.district)];
    replace(poolsBox, visible.map((pool) => {
      const section = poolSection(pool, state.picks[pool.id], saveDraft);
      sections.set(pool.id, section);
      return section.element;
    }));
  };

  const parts = [pageTitle(t('ballotTitle', { name: edition.name })), summary];
  if (districtPools.length > 0) {
    const select = h('select', { onchange: () => { state.district = select.value || null; saveDraft(); renderPools(); } },
      h('option', { value: '' }, t('noDistrict')),
      districtPools.map((p) => h('option', { value: p.id, selected: p.id === state.district }, p.name || p.id)));
    parts.push(field(t('chooseDistrict'), select));
  }
  renderPools();
  parts.push(poolsBox);
  const identity = identityStep(config, { onBeforeSignIn: saveDraft });
  const sending = h('p', { class: 'status', role: 'status' });
  const submit = h('button', { type: 'submit' }, t('submitBallot'));
  const form = h('form', { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    for (const section of sections.values()) section.showErrors([]);
    summary.textContent = '';
    const selections = [...sections.values()].flatMap((s) => s.selections());
    if (selections.length === 0) { summary.textContent = t('nothingPicked'); summary.focus(); return; }
    const proof = identity.proof();
    if (!proof) return;
    const body = { selections };
    if (proof.person) body.voter = { ...proof.person };
    if (edition.districtTiedToResidence && state.district) {
      const pool = districtPools.find((p) => p.id === state.district);
      body.voter = { ...(body.voter ?? {}), district: pool.district ?? pool.name };
    }
    submit.disabled = true;
    sending.textContent = t('sending');
    const result = await post(paths.ballots(editionId), body, { 'Idempotency-Key': crypto.randomUUID(), ...proof.headers });
    submit.disabled = false;
    sending.textContent = '';
    if (result.ok) {
      sessionStorage.removeItem(draftKey);
      location.hash = `#/r/${encodeURIComponent(result.body.receiptId)}?new=1`;
      return;
    }
    if (result.body?.code === 'invalid-ballot' && Array.isArray(result.body.errors)) {
      summary.textContent = t('ballotErrors');
      for (const [poolId, section] of sections) section.showErrors(result.body.errors.filter((e) => e.poolId === poolId));
      const orphans = result.body.errors.filter((e) => !sections.has(e.poolId));
      if (orphans.length > 0) summary.append(h('ul', {}, orphans.map((e) => h('li', {}, e.message))));
    } else {
      summary.textContent = problemText(result) ?? t('networkError');
    }
    summary.focus();
  } }, parts, identity.element, submit, sending);
  replace(main, link(`#/e/${encodeURIComponent(editionId)}`, `← ${edition.name}`), form);
}

function poolSection(pool, pick, onChange) {
  const headingId = uid('pool');
  const status = h('div', { class: 'tally', 'aria-live': 'polite' });
  const errors = h('div', { class: 'pool-errors', id: `errors-${pool.id}`, 'data-pool': pool.id });
  const body = h('div', { class: 'pool-body' });
  const element = h('section', { class: 'pool', 'aria-labelledby': headingId, 'data-pool': pool.id },
    h('h2', { id: headingId }, pool.name || pool.id, ' ', h('span', { class: 'muted' }, `(${t('budget', { amount: money(pool.budget) })})`)),
    h('ul', { class: 'rules' }, ruleSentences(pool).map((s) => h('li', {}, s))),
    errors, body, status);
  const refresh = () => {
    replace(status, tally(pool, pick).map((line) => h('p', {}, line)));
    onChange();
  };
  const builders = { approval: checkboxes, knapsack: checkboxes, ordinal: ranking, cumulative: pointsInputs };
  (builders[pool.ballot.type] ?? checkboxes)(pool, pick, body, refresh);
  refresh();
  return {
    element,
    selections: () => {
      if (pool.ballot.type === 'ordinal') return pick.ranking.map((projectId) => ({ projectId }));
      if (pool.ballot.type === 'cumulative') {
        return Object.entries(pick.points).filter(([, n]) => n > 0).map(([projectId, points]) => ({ projectId, points }));
      }
      return pick.ids.map((projectId) => ({ projectId }));
    },
    showErrors: (list) => replace(errors, list.length === 0 ? [] : h('ul', { role: 'list' }, list.map((e) => h('li', { 'data-rule': e.rule }, e.message)))),
  };
}

function checkboxes(pool, pick, body, refresh) {
  const inputs = [];
  const update = () => {
    for (const { input, project, note } of inputs) {
      const blocked = !input.checked && !fits(pool, pick.ids, project.cost);
      input.disabled = blocked;
      note.textContent = blocked ? ` (${t('doesNotFit')})` : '';
    }
    refresh();
  };
  const fieldset = h('fieldset', { class: 'choices' }, h('legend', { class: 'visually-hidden' }, t('projects')),
    pool.projects.map((project) => {
      const input = h('input', { type: 'checkbox', value: project.id, checked: pick.ids.includes(project.id), 'data-project': project.id });
      const note = h('span', { class: 'muted' });
      input.addEventListener('change', () => {
        if (input.checked && !fits(pool, pick.ids, project.cost)) input.checked = false;
        pick.ids = input.checked ? [...pick.ids, project.id] : pick.ids.filter((id) => id !== project.id);
        update();
      });
      inputs.push({ input, project, note });
      return h('div', { class: 'choice' }, h('label', {}, input, ' ', project.title || project.id, ' — ', money(project.cost), note));
    }));
  body.append(fieldset);
  update();
}

function ranking(pool, pick, body, refresh) {
  const announce = h('p', { class: 'visually-hidden', 'aria-live': 'assertive' });
  const list = h('ol', { class: 'ranking', 'aria-label': t('ranking') });
  const addButtons = new Map();
  const points = pool.ballot.points ?? [];
  const title = (id) => pool.projects.find((p) => p.id === id)?.title || id;
  let dragged = null;
  const move = (from, to, focus) => {
    if (to < 0 || to >= pick.ranking.length) return;
    const [id] = pick.ranking.splice(from, 1);
    pick.ranking.splice(to, 0, id);
    render(focus ? to : null);
    announce.textContent = t('moved', { title: title(id), rank: to + 1 });
  };
  const remove = (index) => {
    const [id] = pick.ranking.splice(index, 1);
    render(pick.ranking.length > 0 ? Math.min(index, pick.ranking.length - 1) : null);
    if (pick.ranking.length === 0) addButtons.get(id)?.focus();
  };
  const render = (focusIndex) => {
    const full = !fits(pool, pick.ranking, 0);
    for (const [id, button] of addButtons) button.disabled = pick.ranking.includes(id) || full;
    replace(list, pick.ranking.length === 0 ? h('li', { class: 'muted' }, t('emptyRanking')) : pick.ranking.map((id, index) => {
      const label = t('rankItem', { rank: index + 1, title: title(id), points: points[index] ?? 1 });
      const item = h('li', {
        tabindex: '0', draggable: 'true', class: 'rank-item', 'aria-label': label, 'aria-describedby': `${list.id}-help`, 'data-project': id,
        onkeydown: (event) => {
          if (event.key === 'ArrowUp') { event.preventDefault(); move(index, index - 1, true); }
          else if (event.key === 'ArrowDown') { event.preventDefault(); move(index, index + 1, true); }
          else if (event.key === 'Delete' || event.key === 'Backspace') { event.preventDefault(); remove(index); }
        },
        ondragstart: (event) => { dragged = index; event.dataTransfer.effectAllowed = 'move'; event.dataTransfer.setData('text/plain', id); },
        ondragover: (event) => event.preventDefault(),
        ondrop: (event) => { event.preventDefault(); if (dragged !== null) move(dragged, index, false); dragged = null; },
      },
      h('span', { class: 'rank' }, `${index + 1}.`), ' ', title(id), ' ', h('span', { class: 'muted' }, `${points[index] ?? 1} ${t('pointsShort')}`), ' ',
      h('span', { class: 'rank-buttons' },
        h('button', { type: 'button', class: 'small', tabindex: '-1', 'aria-label': `${t('moveUp')}: ${title(id)}`, disabled: index === 0, onclick: () => move(index, index - 1, true) }, '↑'),
        h('button', { type: 'button', class: 'small', tabindex: '-1', 'aria-label': `${t('moveDown')}: ${title(id)}`, disabled: index === pick.ranking.length - 1, onclick: () => move(index, index + 1, true) }, '↓'),
        h('button', { type: 'button', class: 'small', tabindex: '-1', 'aria-label': `${t('remove')}: ${title(id)}`, onclick: () => remove(index) }, '×')));
      return item;
    }));
    if (focusIndex !== null && focusIndex !== undefined) list.children[focusIndex]?.focus();
    refresh();
  };
  list.id = uid('ranking');
  const adds = h('ul', { class: 'choices plain' }, pool.projects.map((project) => {
    const button = h('button', { type: 'button', class: 'secondary', 'data-project': project.id, onclick: () => {
      if (!fits(pool, pick.ranking, 0) || pick.ranking.includes(project.id)) return;
      pick.ranking.push(project.id);
      render(null);
      announce.textContent = t('moved', { title: title(project.id), rank: pick.ranking.length });
      const next = [...addButtons.values()].find((b) => !b.disabled);
      (next ?? list.lastElementChild)?.focus();
    } }, `${t('add')}: ${project.title || project.id} — ${money(project.cost)}`);
    addButtons.set(project.id, button);
    return h('li', {}, button);
  }));
  body.append(adds, h('h3', {}, t('ranking')), h('p', { id: `${list.id}-help`, class: 'hint' }, t('rankHelp')), list, announce);
  render(null);
}

function pointsInputs(pool, pick, body, refresh) {
  const b = pool.ballot;
  const inputs = [];
  const given = () => Object.values(pick.points).reduce((s, n) => s + n, 0);
  const update = () => {
    for (const { input, project } of inputs) {
      const own = pick.points[project.id] ?? 0;
      const room = b.maxPoints ? b.maxPoints - given() + own : Infinity;
      input.max = String(Math.min(b.maxPointsPerProject ?? Infinity, room) === Infinity ? 999 : Math.min(b.maxPointsPerProject ?? Infinity, room));
    }
    refresh();
  };
  const list = h('div', { class: 'choices' }, pool.projects.map((project) => {
    const input = h('input', { type: 'number', min: '0', step: '1', inputmode: 'numeric', value: String(pick.points[project.id] ?? 0), 'data-project': project.id, class: 'points' });
    input.addEventListener('input', () => {
      const own = pick.points[project.id] ?? 0;
      const room = b.maxPoints ? b.maxPoints - given() + own : Infinity;
      let value = Math.max(0, Math.floor(Number(input.value) || 0));
      value = Math.min(value, b.maxPointsPerProject ?? Infinity, room);
      if (String(value) !== input.value) input.value = String(value);
      pick.points[project.id] = value;
      update();
    });
    inputs.push({ input, project });
    return field(`${t('points', { title: project.title || project.id })} (${money(project.cost)})`, input);
  }));
  body.append(list);
  update();
}
