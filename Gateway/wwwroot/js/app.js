// The resident pages: a hash router over the views; every view calls only the public API.
import { h, replace } from './dom.js';
import { t, lang, setLang } from './i18n.js';
import { siteConfig } from './api.js';
import { completeSignIn } from './identity.js';
import { homeView } from './views/home.js';
import { editionView } from './views/edition.js';
import { ballotView } from './views/ballot.js';
import { resultsView } from './views/results.js';
import { receiptView } from './views/receipt.js';
import { initiativeView } from './views/initiative.js';
import { proposeView, proposalView } from './views/proposals.js';

const routes = [
  [/^#?\/?$/, (main) => homeView(main)],
  [/^#\/e\/([^/?]+)$/, (main, id) => editionView(main, id)],
  [/^#\/e\/([^/?]+)\/vote$/, (main, id) => ballotView(main, id)],
  [/^#\/e\/([^/?]+)\/results$/, (main, id) => resultsView(main, id)],
  [/^#\/e\/([^/?]+)\/propose$/, (main, id) => proposeView(main, id)],
  [/^#\/e\/([^/?]+)\/p\/([^/?]+)$/, (main, id, pid) => proposalView(main, id, pid)],
  [/^#\/r\/([^/?]+)(\?new=1)?$/, (main, id, fresh) => receiptView(main, id, Boolean(fresh))],
  [/^#\/i\/([^/?]+)$/, (main, id) => initiativeView(main, id)],
];

const main = document.getElementById('main');
let rendering = 0;

async function render() {
  const turn = ++rendering;
  const hash = location.hash || '#/';
  const match = routes.map(([pattern, view]) => [hash.match(pattern), view]).find(([m]) => m);
  const target = h('div');
  replace(main, h('p', { role: 'status' }, t('loading')));
  if (match) {
    const [m, view] = match;
    await view(target, ...m.slice(1).map((part) => (part && !part.startsWith('?') ? decodeURIComponent(part) : part)));
  } else {
    replace(target, h('h1', { tabindex: '-1', id: 'page-title' }, t('notFound')), h('a', { href: '#/' }, t('home')));
  }
  if (turn !== rendering) return;
  replace(main, ...target.childNodes);
  main.setAttribute('data-ready', hash);
  document.getElementById('page-title')?.focus();
}

function chrome() {
  document.documentElement.lang = lang();
  document.getElementById('site-title').textContent = t('siteTitle');
  document.getElementById('skip').textContent = t('skip');
  const button = document.getElementById('language');
  button.textContent = t('switchLanguage');
  button.lang = t('switchLanguageLang');
}

document.getElementById('language').addEventListener('click', () => {
  setLang(lang() === 'pl' ? 'en' : 'pl');
  chrome();
  render();
});

document.getElementById('skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', render);
chrome();
await completeSignIn(await siteConfig());
render();
