// Results per pool, by rank: a bar chart (Chart.js) and a table with the same numbers.
import { h, replace, scrollTable } from '../dom.js';
import { t, money, number } from '../i18n.js';
import { get, paths, problemText } from '../api.js';
import { pageTitle, failure, link } from './common.js';

let chartLibrary;
function loadChart() {
  chartLibrary ??= new Promise((resolve, reject) => {
    const script = h('script', { src: '/vendor/chartjs/chart.umd.min.js' });
    script.addEventListener('load', () => resolve(window.Chart));
    script.addEventListener('error', reject);
    document.head.append(script);
  });
  return chartLibrary;
}

export async function resultsView(main, editionId) {
  const [editionAnswer, answer] = await Promise.all([get(paths.edition(editionId)), get(paths.results(editionId))]);
  if (!editionAnswer.ok) return failure(main, editionAnswer);
  const edition = editionAnswer.body;
  const back = link(`#/e/${encodeURIComponent(editionId)}`, `← ${edition.name}`);
  if (!answer.ok) {
    const text = answer.body?.code === 'results-hidden' ? t('resultsHidden') : problemText(answer) ?? t('networkError');
    return replace(main, back, pageTitle(t('resultsTitle', { name: edition.name })), h('p', { role: 'status' }, text));
  }
  const results = answer.body;
  const charts = [];
  replace(main, back, pageTitle(t('resultsTitle', { name: edition.name })),
    h('p', {}, t(results.status === 'final' ? 'final' : 'provisional'), ' · ', t('ballotsCount', { n: number(results.ballots) })),
    results.pools.map((poolResult) => {
      const pool = edition.pools.find((p) => p.id === poolResult.poolId) ?? { name: poolResult.poolId, projects: [] };
      const title = (id) => pool.projects.find((p) => p.id === id)?.title || id;
      const canvas = h('canvas', { role: 'img', 'aria-label': t('chartLabel', { name: pool.name || poolResult.poolId }), 'data-pool': poolResult.poolId });
      charts.push({ canvas, poolResult, title });
      const lastFunded = poolResult.projects.map((p) => p.selected).lastIndexOf(true);
      const headingId = `results-${poolResult.poolId}`;
      return h('section', { class: 'pool-results', 'aria-labelledby': headingId, 'data-pool': poolResult.poolId },
        h('h2', { id: headingId }, pool.name || poolResult.poolId),
        h('p', {}, t('spent', { spent: money(poolResult.spent), budget: money(poolResult.budget) }), ' ', t('method', { method: t(`method.${poolResult.method}`) })),
        h('div', { class: 'chart-box', style: undefined }, canvas),
        scrollTable(`${t('results')}: ${pool.name || poolResult.poolId}`, h('table', { class: 'results' },
          h('caption', {}, t('fundedLine')),
          h('thead', {}, h('tr', {}, ['rank', 'title', 'cost', 'votes', 'score', 'funded'].map((k) => h('th', { scope: 'col', class: ['cost', 'votes', 'score', 'rank'].includes(k) ? 'num' : '' }, t(k))))),
          h('tbody', {}, poolResult.projects.map((p, index) => h('tr', {
            class: `${p.selected ? 'funded' : 'not-funded'}${index === lastFunded ? ' funded-line' : ''}`, 'data-project': p.projectId,
          },
          h('td', { class: 'num' }, String(index + 1)), h('th', { scope: 'row' }, title(p.projectId)),
          h('td', { class: 'num', 'data-value': p.cost }, money(p.cost)), h('td', { class: 'num', 'data-value': p.votes }, number(p.votes)),
          h('td', { class: 'num', 'data-value': p.score }, number(p.score)), h('td', {}, p.selected ? `✔ ${t('yes')}` : t('no'))))))));
    }));
  const Chart = await loadChart();
  for (const { canvas, poolResult, title } of charts) {
    canvas.parentElement.style.height = `${Math.max(160, poolResult.projects.length * 28 + 60)}px`;
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: poolResult.projects.map((p) => title(p.projectId)),
        datasets: [
          { label: t('votes'), data: poolResult.projects.map((p) => p.votes), backgroundColor: poolResult.projects.map((p) => (p.selected ? '#1b5e20' : '#757575')) },
          { label: t('score'), data: poolResult.projects.map((p) => p.score), backgroundColor: poolResult.projects.map((p) => (p.selected ? '#66bb6a' : '#bdbdbd')) },
        ],
      },
      options: { indexAxis: 'y', animation: false, maintainAspectRatio: false, responsive: true, scales: { x: { ticks: { precision: 0 } } }, plugins: { legend: { position: 'bottom' } } },
    });
  }
}
