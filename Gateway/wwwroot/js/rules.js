// A pool's ballot rules: in plain words, and the running tally of a resident's picks.
import { t, money } from './i18n.js';

export function ruleSentences(pool) {
  const b = pool.ballot;
  const out = [];
  switch (b.type) {
    case 'approval':
      out.push(b.maxSelections ? t('rules.approval', { min: b.minSelections ?? 0, max: b.maxSelections }) : t('rules.approvalNoMax', { min: b.minSelections ?? 0 }));
      if (b.maxTotalCost) out.push(t('rules.costCap', { amount: money(b.maxTotalCost) }));
      break;
    case 'ordinal':
      out.push(t('rules.ordinal', { min: b.minSelections ?? 1, max: b.maxSelections ?? b.points?.length ?? 1, points: b.points?.[0] ?? 1 }));
      break;
    case 'cumulative':
      out.push(t('rules.cumulative', { min: b.minPoints ?? 1, max: b.maxPoints ?? '∞' }));
      if (b.maxPointsPerProject) out.push(t('rules.perProject', { n: b.maxPointsPerProject }));
      break;
    case 'knapsack':
      out.push(t('rules.knapsack', { amount: money(pool.budget) }));
      if (b.minSpendPercent) out.push(t('rules.minSpend', { amount: money(minSpend(pool)), percent: b.minSpendPercent }));
      break;
    default:
      break;
  }
  return out;
}

export const minSpend = (pool) => Math.ceil((pool.budget * (pool.ballot.minSpendPercent ?? 0)) / 100);

/** The most picks and money a pool allows (null: no cap). */
export function caps(pool) {
  const b = pool.ballot;
  switch (b.type) {
    case 'approval': return { count: b.maxSelections ?? null, cost: b.maxTotalCost ?? null };
    case 'ordinal': return { count: b.maxSelections ?? b.points?.length ?? null, cost: null };
    case 'knapsack': return { count: null, cost: pool.budget };
    default: return { count: null, cost: null };
  }
}

/** Whether one more project of this cost may be picked. */
export function fits(pool, pickedIds, cost) {
  const limit = caps(pool);
  if (limit.count !== null && pickedIds.length >= limit.count) return false;
  return limit.cost === null || totalCost(pool, pickedIds) + cost <= limit.cost;
}

export function totalCost(pool, ids) {
  return ids.reduce((sum, id) => sum + (pool.projects.find((p) => p.id === id)?.cost ?? 0), 0);
}

/** The running tally lines shown (and announced) as the resident picks. */
export function tally(pool, pick) {
  const b = pool.ballot;
  const lines = [];
  if (b.type === 'cumulative') {
    const given = Object.values(pick.points).reduce((s, n) => s + n, 0);
    lines.push(t('pointsTotal', { n: given, max: b.maxPoints ?? '∞' }));
    if (given > 0 && given < (b.minPoints ?? 1)) lines.push(t('needMore', { n: (b.minPoints ?? 1) - given }));
    return lines;
  }
  const ids = b.type === 'ordinal' ? pick.ranking : pick.ids;
  const limit = caps(pool);
  lines.push(limit.count ? t('selected', { n: ids.length, max: limit.count }) : t('selectedNoMax', { n: ids.length }));
  const cost = totalCost(pool, ids);
  lines.push(limit.cost ? t('costTotal', { amount: money(cost), cap: money(limit.cost) }) : t('costTotalNoCap', { amount: money(cost) }));
  const min = b.type === 'knapsack' ? 0 : (b.minSelections ?? 0);
  if (ids.length > 0 && ids.length < min) lines.push(t('needMore', { n: min - ids.length }));
  if (b.type === 'knapsack' && ids.length > 0 && cost < minSpend(pool)) lines.push(t('needSpend', { amount: money(minSpend(pool) - cost) }));
  if (limit.count !== null && ids.length >= limit.count) lines.push(t('limitReached'));
  return lines;
}
