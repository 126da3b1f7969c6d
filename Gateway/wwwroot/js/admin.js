// The clerk console (/admin/): the admin endpoints of API.md with the admin token, which is
// entered once and kept in this tab's sessionStorage only.
import { h, field, replace, scrollTable } from './dom.js';
import { t, lang, setLang, extend, money } from './i18n.js';
import { get, call, paths, problemText } from './api.js';

extend({
  pl: {
    adminTitle: 'Panel urzędnika', token: 'Token administratora', saveToken: 'Zapisz token', tokenKept: 'Token jest zapisany w tej karcie przeglądarki.',
    forget: 'Zapomnij token', tokenNeeded: 'Podaj token administratora, aby korzystać z panelu.', badToken: 'Serwer odrzucił token.',
    importH: 'Import pliku pabulib', file: 'Plik .pb', newId: 'Identyfikator nowej edycji', includeVotes: 'Zapisz też głosy z pliku (jako głosy papierowe)',
    import: 'Importuj', uploaded: 'Wysłano {percent}%', imported: 'Zaimportowano edycję {id}: {projects} projektów.',
    editionH: 'Edycja', load: 'Wczytaj', currentPhase: 'Etap: {phase}', newPhase: 'Nowy etap', changePhase: 'Zmień etap',
    confirmPhase: 'Zmienić etap edycji {id} z „{from}” na „{to}”? Tej zmiany nie można cofnąć.', yesChange: 'Tak, zmień', cancel: 'Anuluj',
    phaseChanged: 'Etap zmieniony na: {phase}.', cancelled: 'Anulowano.',
    paperH: 'Głosy papierowe', selections: 'Wybrane projekty (identyfikatory oddzielone przecinkami; punkty: id:punkty)',
    districtOptional: 'Dzielnica (opcjonalnie)', record: 'Zapisz głos', csv: 'Plik CSV (pesel,wybory[,dzielnica]; wybory oddzielone spacją)',
    uploadCsv: 'Wyślij plik CSV', row: 'Wiersz', outcome: 'Wynik', details: 'Szczegóły',
    'outcome.recorded': 'zapisany', 'outcome.duplicate': 'duplikat', 'outcome.invalid': 'nieważny', 'outcome.unavailable': 'niedostępne — wyślij ponownie', 'outcome.outcome-unknown': 'wynik nieznany — wyślij ponownie',
    paperSummary: 'Zapisane: {recorded}, duplikaty: {duplicate}, nieważne: {invalid}.',
    queueH: 'Weryfikacja i odwołania', loadQueue: 'Wczytaj kolejkę', queueEmpty: 'Brak projektów do rozpatrzenia.',
    justification: 'Uzasadnienie', accept: 'Przyjmij', reject: 'Odrzuć', decided: 'Decyzja zapisana: {status}.',
    deliveryH: 'Realizacja projektów', project: 'Projekt', deliveryStatus: 'Stan realizacji', percent: 'Procent wykonania', note: 'Uwagi',
    'delivery.planned': 'planowany', 'delivery.in-progress': 'w realizacji', 'delivery.done': 'zrealizowany', 'delivery.abandoned': 'zaniechany',
    saveDelivery: 'Zapisz stan realizacji', deliverySaved: 'Zapisano.',
    exportH: 'Eksport danych otwartych', exportPabulib: 'Pobierz pabulib', exportCsv: 'Pobierz CSV', exported: 'Pobrano {bytes} bajtów.',
    loadFirst: 'Najpierw wczytaj edycję.',
  },
  en: {
    adminTitle: 'Clerk console', token: 'Admin token', saveToken: 'Save token', tokenKept: 'The token is kept in this browser tab.',
    forget: 'Forget token', tokenNeeded: 'Enter the admin token to use the console.', badToken: 'The server refused the token.',
    importH: 'Import a pabulib file', file: '.pb file', newId: 'New edition id', includeVotes: 'Also record the file\'s votes (as paper ballots)',
    import: 'Import', uploaded: '{percent}% sent', imported: 'Imported edition {id}: {projects} projects.',
    editionH: 'Edition', load: 'Load', currentPhase: 'Phase: {phase}', newPhase: 'New phase', changePhase: 'Change phase',
    confirmPhase: 'Change the phase of edition {id} from "{from}" to "{to}"? This cannot be undone.', yesChange: 'Yes, change', cancel: 'Cancel',
    phaseChanged: 'Phase changed to: {phase}.', cancelled: 'Cancelled.',
    paperH: 'Paper ballots', selections: 'Picked projects (ids separated by commas; points: id:points)',
    districtOptional: 'District (optional)', record: 'Record ballot', csv: 'CSV file (pesel,picks[,district]; picks separated by spaces)',
    uploadCsv: 'Upload CSV', row: 'Row', outcome: 'Outcome', details: 'Details',
    'outcome.recorded': 'recorded', 'outcome.duplicate': 'duplicate', 'outcome.invalid': 'invalid', 'outcome.unavailable': 'unavailable — send again', 'outcome.outcome-unknown': 'outcome unknown — send again',
    paperSummary: 'Recorded: {recorded}, duplicates: {duplicate}, invalid: {invalid}.',
    queueH: 'Verification and appeals', loadQueue: 'Load the queue', queueEmpty: 'Nothing to decide.',
    justification: 'Justification', accept: 'Accept', reject: 'Reject', decided: 'Decision recorded: {status}.',
    deliveryH: 'Project delivery', project: 'Project', deliveryStatus: 'Delivery status', percent: 'Percent done', note: 'Note',
    'delivery.planned': 'planned', 'delivery.in-progress': 'in progress', 'delivery.done': 'done', 'delivery.abandoned': 'abandoned',
    saveDelivery: 'Save delivery status', deliverySaved: 'Saved.',
    exportH: 'Open-data export', exportPabulib: 'Download pabulib', exportCsv: 'Download CSV', exported: '{bytes} bytes downloaded.',
    loadFirst: 'Load an edition first.',
  },
});

const tokenKey = 'admin.token';
const main = document.getElementById('main');
const enc = encodeURIComponent;
const admin = (path) => `/api/v1/admin${path}`;
const token = () => sessionStorage.getItem(tokenKey);
const auth = () => ({ Authorization: `Bearer ${token()}` });
const phases = ['draft', 'submission', 'verification', 'appeals', 'voting', 'closed', 'final'];
let edition = null;

function section(id, title, ...children) {
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), children);
}

const status = (id) => h('p', { id, role: 'status', class: 'admin-log' });

function render() {
  document.documentElement.lang = lang();
  document.title = `${t('adminTitle')} · ${t('siteTitle')}`;
  document.getElementById('site-title').textContent = t('siteTitle');
  document.getElementById('skip').textContent = t('skip');
  const language = document.getElementById('language');
  language.textContent = t('switchLanguage');
  language.lang = t('switchLanguageLang');
  if (!token()) {
    const input = h('input', { type: 'password', id: 'admin-token', autocomplete: 'off', required: true });
    const problem = status('token-status');
    replace(main, h('h1', { tabindex: '-1', id: 'page-title' }, t('adminTitle')), h('p', {}, t('tokenNeeded')),
      h('form', { class: 'inline', onsubmit: (event) => {
        event.preventDefault();
        if (!input.value.trim()) { problem.textContent = t('required'); return; }
        sessionStorage.setItem(tokenKey, input.value.trim());
        render();
      } }, field(t('token'), input), h('button', { type: 'submit' }, t('saveToken'))), problem);
    return;
  }
  replace(main,
    h('h1', { tabindex: '-1', id: 'page-title' }, t('adminTitle')),
    h('p', {}, t('tokenKept'), ' ', h('button', { type: 'button', class: 'secondary', onclick: () => { sessionStorage.removeItem(tokenKey); render(); } }, t('forget'))),
    importSection(), editionSection(), paperSection(), queueSection(), deliverySection(), exportSection());
}

function importSection() {
  const file = h('input', { type: 'file', id: 'import-file', accept: '.pb,text/plain', required: true });
  const id = h('input', { type: 'text', id: 'import-id', autocomplete: 'off', required: true });
  const votes = h('input', { type: 'checkbox', id: 'import-votes' });
  const progress = h('progress', { id: 'import-progress', max: '100', value: '0', 'aria-label': t('importH') });
  const log = status('import-status');
  const form = h('form', { onsubmit: (event) => {
    event.preventDefault();
    if (!file.files?.[0] || !id.value.trim()) { log.textContent = t('required'); return; }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', admin(`/editions/import?format=pabulib&id=${enc(id.value.trim())}&includeVotes=${votes.checked}`));
    xhr.setRequestHeader('Authorization', auth().Authorization);
    xhr.setRequestHeader('Content-Type', 'text/plain; charset=utf-8');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) {
        const percent = Math.round((e.loaded / e.total) * 100);
        progress.value = percent;
        log.textContent = t('uploaded', { percent });
      }
    });
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status === 201) {
        progress.value = 100;
        log.textContent = t('imported', { id: body.id, projects: body.pools.reduce((n, p) => n + p.projects.length, 0) });
        loadEdition(body.id);
      } else {
        log.textContent = t('error', { message: xhr.status === 401 ? t('badToken') : problemText({ status: xhr.status, body }) });
      }
    });
    xhr.addEventListener('error', () => { log.textContent = t('networkError'); });
    xhr.send(file.files[0]);
  } }, field(t('file'), file), field(t('newId'), id), h('div', { class: 'choice' }, h('label', {}, votes, ' ', t('includeVotes'))),
  h('button', { type: 'submit', id: 'import-submit' }, t('import')));
  return section('import-h', t('importH'), form, progress, log);
}

const editionBox = h('div', { id: 'edition-box' });
const editionIdInput = h('input', { type: 'text', id: 'edition-id', autocomplete: 'off', required: true });

function editionSection() {
  const form = h('form', { class: 'inline', onsubmit: (event) => { event.preventDefault(); loadEdition(editionIdInput.value.trim()); } },
    field(t('editionId'), editionIdInput), h('button', { type: 'submit' }, t('load')));
  if (edition) showEdition();
  return section('edition-h', t('editionH'), form, editionBox);
}

async function loadEdition(id) {
  if (!id) return;
  editionIdInput.value = id;
  const answer = await get(paths.edition(id));
  if (!answer.ok) { edition = null; replace(editionBox, h('p', { role: 'alert' }, problemText(answer) ?? t('networkError'))); return; }
  edition = answer.body;
  showEdition();
}

function showEdition() {
  const later = phases.slice(phases.indexOf(edition.phase) + 1);
  const select = h('select', { id: 'phase-select' }, later.map((p) => h('option', { value: p }, `${p} — ${t(`phase.${p}`)}`)));
  const log = status('phase-status');
  replace(editionBox,
    h('p', {}, h('strong', {}, edition.name), ' · ', h('span', { id: 'edition-phase', 'data-phase': edition.phase }, t('currentPhase', { phase: `${edition.phase} — ${t(`phase.${edition.phase}`)}` })),
      ' · ', h('a', { href: `/#/e/${enc(edition.id)}` }, t('open'))),
    later.length === 0 ? null : h('form', { class: 'inline', onsubmit: async (event) => {
      event.preventDefault();
      const to = select.value;
      if (!(await confirmed(t('confirmPhase', { id: edition.id, from: t(`phase.${edition.phase}`), to: t(`phase.${to}`) })))) { log.textContent = t('cancelled'); return; }
      const answer = await call('POST', admin(`/editions/${enc(edition.id)}/phase`), { phase: to }, auth());
      if (answer.ok) {
        await loadEdition(edition.id);
        document.getElementById('phase-status').textContent = t('phaseChanged', { phase: to });
      } else {
        log.textContent = t('error', { message: problemText(answer) });
      }
    } }, field(t('newPhase'), select), h('button', { type: 'submit', id: 'phase-submit' }, t('changePhase'))),
    log);
}

function confirmed(question) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = question;
  document.getElementById('confirm-yes').textContent = t('yesChange');
  document.getElementById('confirm-no').textContent = t('cancel');
  dialog.returnValue = '';
  dialog.showModal();
  document.getElementById('confirm-no').focus();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true }));
}

function parseSelections(text) {
  return text.split(/[\s,;|]+/).filter(Boolean).map((part) => {
    const [projectId, points] = part.split(':');
    return points ? { projectId, points: Number(points) } : { projectId };
  });
}

function paperBallot(pesel, picks, district) {
  const voter = { pesel: pesel.trim() };
  if (district?.trim()) voter.district = district.trim();
  return { voter, selections: parseSelections(picks) };
}

function paperSection() {
  const pesel = h('input', { type: 'text', id: 'paper-pesel', inputmode: 'numeric', autocomplete: 'off', maxlength: '11' });
  const picks = h('input', { type: 'text', id: 'paper-picks', autocomplete: 'off' });
  const district = h('input', { type: 'text', id: 'paper-district', autocomplete: 'off' });
  const csv = h('input', { type: 'file', id: 'paper-csv', accept: '.csv,text/csv,text/plain' });
  const report = h('div', { id: 'paper-report', 'aria-live': 'polite' });
  const send = async (ballots) => {
    if (!edition) { replace(report, h('p', {}, t('loadFirst'))); return; }
    const answer = await call('POST', admin(`/editions/${enc(edition.id)}/paper-ballots`), ballots, auth());
    if (!answer.ok) { replace(report, h('p', { role: 'alert' }, t('error', { message: problemText(answer) }))); return; }
    const r = answer.body;
    replace(report, h('p', {}, t('paperSummary', r)),
      scrollTable(t('paperH'), h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('row')), h('th', { scope: 'col' }, t('outcome')), h('th', { scope: 'col' }, t('details')))),
        h('tbody', {}, r.ballots.map((b) => h('tr', { 'data-outcome': b.outcome }, h('td', {}, String(b.index + 1)), h('td', {}, t(`outcome.${b.outcome}`)),
          h('td', {}, (b.errors ?? []).map((e) => `${e.poolId}: ${e.message}`).join('; ') || b.detail || b.receiptId || '')))))));
  };
  return section('paper-h', t('paperH'),
    h('form', { onsubmit: (event) => { event.preventDefault(); send([paperBallot(pesel.value, picks.value, district.value)]); } },
      field(t('pesel'), pesel), field(t('selections'), picks), field(t('districtOptional'), district), h('button', { type: 'submit' }, t('record'))),
    h('form', { onsubmit: async (event) => {
      event.preventDefault();
      const text = await csv.files?.[0]?.text();
      if (!text) return;
      const rows = text.split(/\r?\n/).map((line) => line.split(',')).filter((cells) => /^\d{11}$/.test(cells[0]?.trim() ?? ''));
      send(rows.map(([p, s, d]) => paperBallot(p, s ?? '', d)));
    } }, field(t('csv'), csv), h('button', { type: 'submit' }, t('uploadCsv'))),
    report);
}

function queueSection() {
  const list = h('div', { id: 'queue' });
  const load = async () => {
    if (!edition) { replace(list, h('p', {}, t('loadFirst'))); return; }
    const statuses = edition.phase === 'appeals' ? ['appealed'] : ['submitted'];
    const items = [];
    for (const s of statuses) {
      for (let page = 1; page < 50; page += 1) {
        const answer = await get(paths.proposals(edition.id, `?status=${s}&page=${page}`));
        if (!answer.ok) break;
        items.push(...answer.body.items);
        if (page * answer.body.pageSize >= answer.body.total) break;
      }
    }
    replace(list, items.length === 0 ? h('p', {}, t('queueEmpty')) : h('ul', { class: 'plain' }, items.map(decisionItem)));
  };
  return section('queue-h', t('queueH'), h('button', { type: 'button', class: 'secondary', onclick: load }, t('loadQueue')), list);
}

function decisionItem(p) {
  const cost = h('input', { type: 'number', min: '0', step: '1', value: String(p.verifiedCost ?? p.costEstimate) });
  const why = h('input', { type: 'text', autocomplete: 'off' });
  const log = h('p', { role: 'status' });
  const decide = async (decision) => {
    const body = { decision, justification: why.value.trim() || undefined };
    if (decision === 'accepted') body.verifiedCost = Number(cost.value);
    const answer = await call('POST', admin(`/editions/${enc(edition.id)}/proposals/${enc(p.proposalId)}/decision`), body, auth());
    log.textContent = answer.ok ? t('decided', { status: t(`pstatus.${answer.body?.status ?? decision}`) }) : t('error', { message: problemText(answer) });
  };
  return h('li', { class: 'card' }, h('h3', {}, p.title), h('p', {}, p.description), h('p', {}, money(p.costEstimate), ' · ', t(`pstatus.${p.status}`)),
    field(t('verifiedCost'), cost), field(t('justification'), why),
    h('p', { class: 'actions' }, h('button', { type: 'button', onclick: () => decide('accepted') }, t('accept')), h('button', { type: 'button', class: 'secondary', onclick: () => decide('rejected') }, t('reject'))),
    log);
}

function deliverySection() {
  const project = h('input', { type: 'text', id: 'delivery-project', autocomplete: 'off' });
  const state = h('select', { id: 'delivery-status' }, ['planned', 'in-progress', 'done', 'abandoned'].map((s) => h('option', { value: s }, t(`delivery.${s}`))));
  const percent = h('input', { type: 'number', id: 'delivery-percent', min: '0', max: '100', step: '1', value: '0' });
  const note = h('input', { type: 'text', id: 'delivery-note', autocomplete: 'off' });
  const log = status('delivery-log');
  return section('delivery-h', t('deliveryH'), h('form', { onsubmit: async (event) => {
    event.preventDefault();
    if (!edition) { log.textContent = t('loadFirst'); return; }
    const body = { status: state.value, percent: Number(percent.value) };
    if (note.value.trim()) body.note = note.value.trim();
    const answer = await call('POST', admin(`/editions/${enc(edition.id)}/projects/${enc(project.value.trim())}/delivery`), body, auth());
    log.textContent = answer.ok ? t('deliverySaved') : t('error', { message: problemText(answer) });
  } }, field(t('project'), project), field(t('deliveryStatus'), state), field(t('percent'), percent), field(t('note'), note),
  h('button', { type: 'submit' }, t('saveDelivery'))), log);
}

function exportSection() {
  const log = status('export-log');
  const download = async (format) => {
    if (!edition) { log.textContent = t('loadFirst'); return; }
    const response = await fetch(admin(`/editions/${enc(edition.id)}/export?format=${format}`), { headers: auth() });
    if (!response.ok) { log.textContent = t('error', { message: `HTTP ${response.status}` }); return; }
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: `${edition.id}.${format === 'csv' ? 'csv' : 'pb'}` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    log.textContent = t('exported', { bytes: blob.size });
  };
  return section('export-h', t('exportH'), h('p', { class: 'actions' },
    h('button', { type: 'button', class: 'secondary', onclick: () => download('pabulib') }, t('exportPabulib')),
    h('button', { type: 'button', class: 'secondary', onclick: () => download('csv') }, t('exportCsv'))), log);
}

document.getElementById('language').addEventListener('click', () => { setLang(lang() === 'pl' ? 'en' : 'pl'); render(); });
document.getElementById('skip').addEventListener('click', (event) => { event.preventDefault(); main.focus(); });
render();
