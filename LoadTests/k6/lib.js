// Shared helpers for the Voting k6 scripts (API: /work/shared/API.md).
// Config comes from the environment: k6 run -e BASE_URL=... -e EDITION_ID=... script.js
import http from 'k6/http';
import { check, fail } from 'k6';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';

const num = (name, fallback) => (__ENV[name] !== undefined && __ENV[name] !== '' ? Number(__ENV[name]) : fallback);

export const config = {
  baseUrl: (__ENV.BASE_URL || 'http://localhost:8080').replace(/\/+$/, ''),
  editionId: __ENV.EDITION_ID || '',
  initiativeId: __ENV.INITIATIVE_ID || '',
  adminToken: __ENV.ADMIN_TOKEN || '',
  // ramping arrival rate (vote-peak, signature-rush, the votes of mixed)
  startRate: num('START_RATE', 10),
  peakRate: num('PEAK_RATE', 2000),
  rampUp: __ENV.RAMP_UP || '30s',
  hold: __ENV.HOLD || '60s',
  rampDown: __ENV.RAMP_DOWN || '10s',
  // constant arrival rates (results-readers votes, mixed signatures) and reader VUs
  voteRate: num('VOTE_RATE', 300),
  signatureRate: num('SIGNATURE_RATE', 300),
  duration: __ENV.DURATION || '60s',
  readers: num('READERS', 500),
  readerPause: num('READER_PAUSE', 1),
  duplicates: num('DUPLICATES', 0.01),
  preAllocatedVUs: num('PRE_VUS', 200),
  maxVUs: num('MAX_VUS', 5000),
  // thresholds
  p95Ms: num('P95_MS', 200),
  p99Ms: num('P99_MS', 500),
  maxFailedRate: num('MAX_FAILED', 0.01),
  summaryJson: __ENV.SUMMARY_JSON || '',
  // identity mode of the gateway (API.md 1.1): pesel | oidc | email-code; the helper is the .NET
  // driver's `identity-helper` (test issuer: /token?pesel=, SMTP sink: /code?email=)
  identity: __ENV.IDENTITY || 'pesel',
  identityHelper: (__ENV.IDENTITY_HELPER || 'http://127.0.0.1:5099').replace(/\/+$/, ''),
};

if (!['pesel', 'oidc', 'email-code'].includes(config.identity)) throw new Error(`IDENTITY must be pesel, oidc or email-code, not '${config.identity}'`);

export const ballotsCreated = new Counter('ballots_created');
export const duplicatesMatched = new Counter('duplicate_receipts_matched');
export const duplicateViolations = new Counter('duplicate_violations');
export const signaturesCreated = new Counter('signatures_created');

// ---------------------------------------------------------------- PESEL

const WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
const FIRST_BIRTH = Date.UTC(1930, 0, 1);
const LAST_BIRTH = Date.UTC(2004, 11, 31); // adults on any voting day from 2023 on
const DAY_MS = 86400000;
export const PESEL_DAYS = Math.round((LAST_BIRTH - FIRST_BIRTH) / DAY_MS) + 1;
export const PESEL_CAPACITY = PESEL_DAYS * 10000;
const SLOT_SIZE = 40000000; // distinct PESELs reserved per scenario slot within one run

export function peselControl(first10) {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += WEIGHTS[i] * Number(first10[i]);
  return (10 - (sum % 10)) % 10;
}

const two = (n) => (n < 10 ? '0' : '') + n;

/** PESEL for a birth date (UTC ms) and a 4-digit serial; month + 80/0/20/40/60 for 1800s/1900s/2000s/2100s/2200s. */
export function peselFromDate(birthMs, serial) {
  const d = new Date(birthMs);
  const year = d.getUTCFullYear();
  const offset = { 18: 80, 19: 0, 20: 20, 21: 40, 22: 60 }[Math.floor(year / 100)];
  const first10 = two(year % 100) + two(d.getUTCMonth() + 1 + offset) + two(d.getUTCDate())
    + two(Math.floor(serial / 100)) + two(serial % 100);
  return first10 + peselControl(first10);
}

/** The n-th PESEL after `offset`: distinct for distinct n below PESEL_CAPACITY. */
export function peselFor(n, offset = 0) {
  const k = (((offset + n) % PESEL_CAPACITY) + PESEL_CAPACITY) % PESEL_CAPACITY;
  return peselFromDate(FIRST_BIRTH + Math.floor(k / 10000) * DAY_MS, k % 10000);
}

/** A PESEL unique to this iteration of this scenario in this run (slot: one per scenario kind). */
export function uniquePesel(data, slot) {
  return peselFor(slot * SLOT_SIZE + exec.scenario.iterationInTest, data.peselOffset);
}

// ---------------------------------------------------------------- ballots

const randInt = (lo, hi) => lo + Math.floor(Math.random() * (hi - lo + 1)); // inclusive
function shuffled(items) {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function fillUpTo(order, want, cap) {
  const picked = [];
  let spent = 0;
  for (const p of order) {
    if (picked.length === want) break;
    if (spent + p.cost <= cap) { picked.push(p); spent += p.cost; }
  }
  return picked;
}

function pickWithinCost(pool, min, max, cap) {
  const want = randInt(min, max);
  let best = [];
  for (let attempt = 0; attempt < 20 && best.length < want; attempt++) {
    const picked = fillUpTo(shuffled(pool.projects), want, cap);
    if (picked.length > best.length) best = picked;
  }
  if (best.length < min) best = fillUpTo(pool.projects.slice().sort((a, b) => a.cost - b.cost), min, cap);
  return best.map((p) => ({ projectId: p.id }));
}

function approvalOrOrdinal(pool) {
  const r = pool.ballot;
  const n = pool.projects.length;
  let max = Math.min(r.maxSelections ?? n, n);
  if (r.type === 'ordinal' && Array.isArray(r.points) && r.points.length > 0) max = Math.min(max, r.points.length);
  const min = Math.min(Math.max(r.minSelections ?? 0, 1), max);
  return pickWithinCost(pool, min, max, r.maxTotalCost ?? Infinity);
}

function cumulative(pool) {
  const r = pool.ballot;
  const n = pool.projects.length;
  const perProject = r.maxPointsPerProject ?? 1e9;
  let minTotal = Math.max(r.minPoints ?? 0, 1);
  const maxTotal = Math.min(r.maxPoints ?? Math.max(minTotal, 10), n * perProject);
  minTotal = Math.min(minTotal, maxTotal);
  const total = randInt(minTotal, maxTotal);
  const most = Math.min(total, n);
  const fewest = Math.min(Math.ceil(total / perProject), most);
  const chosen = shuffled(pool.projects).slice(0, randInt(fewest, most));
  const points = chosen.map(() => 1);
  for (let left = total - chosen.length; left > 0;) {
    const i = Math.floor(Math.random() * points.length);
    if (points[i] < perProject) { points[i]++; left--; }
  }
  return chosen.map((p, i) => ({ projectId: p.id, points: points[i] }));
}

function knapsack(pool) {
  const minSpend = Math.ceil(pool.budget * (pool.ballot.minSpendPercent ?? 0) / 100);
  let best = [];
  let bestSpent = -1;
  for (let attempt = 0; attempt < 20 && bestSpent < minSpend; attempt++) {
    const picked = fillUpTo(shuffled(pool.projects), Infinity, pool.budget);
    const spent = picked.reduce((s, p) => s + p.cost, 0);
    if (picked.length > 0 && spent > bestSpent) { best = picked; bestSpent = spent; }
  }
  if (bestSpent < minSpend) best = fillUpTo(pool.projects.slice().sort((a, b) => b.cost - a.cost), Infinity, pool.budget);
  return best.map((p) => ({ projectId: p.id }));
}

/** Random valid selections for one pool, by its ballot type. */
export function selectionsForPool(pool) {
  switch (pool.ballot && pool.ballot.type) {
    case 'ordinal': return approvalOrOrdinal(pool);
    case 'cumulative': return cumulative(pool);
    case 'knapsack': return knapsack(pool);
    default: return approvalOrOrdinal(pool);
  }
}

/**
 * A random valid ballot for the edition (the GET /api/v1/editions/{id} document):
 * every non-district pool plus at most maxDistrictPools district pools.
 * Returns { selections, district } (district: the id of the first district pool picked, or null).
 */
export function buildBallot(edition) {
  const pools = (edition.pools || []).filter((p) => p.projects && p.projects.length > 0);
  const city = pools.filter((p) => p.kind !== 'district');
  const districts = pools.filter((p) => p.kind === 'district');
  const maxDistricts = Math.min(Math.max(edition.maxDistrictPools ?? 1, 0), districts.length);
  const count = randInt(city.length === 0 && maxDistricts > 0 ? 1 : 0, maxDistricts);
  const chosen = shuffled(districts).slice(0, count);
  const selections = [];
  for (const pool of city.concat(chosen)) selections.push(...selectionsForPool(pool));
  return { selections, district: chosen.length > 0 ? chosen[0].id : null };
}

export function ballotBody(pesel, ballot) {
  const voter = { pesel };
  if (ballot.district) voter.district = ballot.district;
  return JSON.stringify({ voter, selections: ballot.selections });
}

// ---------------------------------------------------------------- setup

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const adminHeaders = () => ({ ...JSON_HEADERS, Authorization: `Bearer ${config.adminToken}` });
const enc = encodeURIComponent;

function freshId(prefix) {
  return `${prefix}-${new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${Math.floor(Math.random() * 0xffffff).toString(16)}`;
}

function projects(prefix, n, minCost, maxCost) {
  const list = [];
  for (let i = 1; i <= n; i++) {
    const cost = Math.floor((minCost + (maxCost - minCost) * ((i * 7) % n) / Math.max(n - 1, 1)) / 1000) * 1000;
    list.push({ id: `${prefix}${i}`, title: `Projekt ${prefix}${i}`, cost });
  }
  return list;
}

/** A generated edition (same shape as the .NET driver's): ordinal city pool + approval/cumulative/knapsack districts. */
export function generatedEdition(id) {
  const now = Date.now();
  const pool = (pid, name, kind, budget, ballot, list) => ({ id: pid, name, kind, budget, ballot, minVotesToWin: 0, method: 'greedy', projects: list });
  return {
    id, name: `Load test ${id}`,
    votingOpensAt: new Date(now - 5 * 60000).toISOString(),
    votingClosesAt: new Date(now + 2 * DAY_MS).toISOString(),
    minVoterAge: 0, allowBallotChange: false, liveResults: true, maxDistrictPools: 1,
    pools: [
      pool('city', 'Ogólnomiejski', 'city', 6400000, { type: 'ordinal', minSelections: 3, maxSelections: 3, points: [3, 2, 1] }, projects('c', 14, 150000, 1300000)),
      pool('d1', 'Dzielnica I', 'district', 1000000, { type: 'approval', minSelections: 1, maxSelections: 5, maxTotalCost: 900000 }, projects('d1-', 10, 50000, 400000)),
      pool('d2', 'Dzielnica II', 'district', 800000, { type: 'cumulative', minPoints: 1, maxPoints: 10, maxPointsPerProject: 5 }, projects('d2-', 8, 40000, 300000)),
      pool('d3', 'Dzielnica III', 'district', 700000, { type: 'knapsack' }, projects('d3-', 9, 60000, 350000)),
    ],
  };
}

function createEdition() {
  const id = freshId('k6');
  const res = http.post(`${config.baseUrl}/api/v1/admin/editions`, JSON.stringify(generatedEdition(id)), { headers: adminHeaders(), tags: { name: 'admin' } });
  if (res.status !== 201) fail(`POST /api/v1/admin/editions -> ${res.status} ${res.body}`);
  const phase = http.post(`${config.baseUrl}/api/v1/admin/editions/${enc(id)}/phase`, JSON.stringify({ phase: 'voting' }), { headers: adminHeaders(), tags: { name: 'admin' } });
  if (phase.status < 200 || phase.status >= 300) console.warn(`POST phase voting -> ${phase.status} (continuing)`);
  return id;
}

function createInitiative() {
  const id = freshId('k6-initiative');
  const now = Date.now();
  const body = { id, title: `Load test initiative ${id}`, threshold: 100000000, collectFrom: new Date(now - 5 * 60000).toISOString(), collectUntil: new Date(now + 2 * DAY_MS).toISOString() };
  const res = http.post(`${config.baseUrl}/api/v1/admin/initiatives`, JSON.stringify(body), { headers: adminHeaders(), tags: { name: 'admin' } });
  if (res.status !== 201) fail(`POST /api/v1/admin/initiatives -> ${res.status} ${res.body}`);
  return id;
}

/**
 * setup(): resolve (or, with ADMIN_TOKEN, create) the edition and/or initiative, fetch the edition
 * document once for the ballot builder, and pick a random PESEL offset so runs do not reuse voters.
 */
export function setupFixtures({ edition = false, initiative = false } = {}) {
  const data = { peselOffset: Math.floor(Math.random() * PESEL_CAPACITY), editionId: null, edition: null, initiativeId: null };
  if (edition) {
    data.editionId = config.editionId || (config.adminToken ? createEdition() : fail('set EDITION_ID or ADMIN_TOKEN'));
    const res = http.get(`${config.baseUrl}/api/v1/editions/${enc(data.editionId)}`, { tags: { name: 'GET /editions/{id}' } });
    if (res.status !== 200) fail(`GET edition ${data.editionId} -> ${res.status}`);
    data.edition = res.json();
    if (data.edition.phase !== 'voting') console.warn(`edition ${data.editionId} is in phase ${data.edition.phase}`);
  }
  if (initiative) {
    data.initiativeId = config.initiativeId || (config.adminToken ? createInitiative() : fail('set INITIATIVE_ID or ADMIN_TOKEN'));
  }
  return data;
}

// ---------------------------------------------------------------- identity

const credentials = new Map(); // this VU's token or code per PESEL (a replay re-sends the same proof)

function credentialFor(pesel) {
  if (credentials.has(pesel)) return credentials.get(pesel);
  let value = null;
  const tags = { tags: { name: 'identity' } };
  if (config.identity === 'oidc') {
    const res = http.get(`${config.identityHelper}/token?pesel=${pesel}`, tags);
    if (res.status === 200) value = res.body;
  } else {
    const email = `${pesel}@load-test.invalid`;
    const asked = http.post(`${config.baseUrl}/api/v1/verification-codes`, JSON.stringify({ voter: { pesel }, email, language: 'en' }), { headers: JSON_HEADERS, ...tags });
    const res = asked.status === 202 ? http.get(`${config.identityHelper}/code?email=${enc(email)}`, { ...tags, timeout: '65s' }) : null;
    if (res && res.status === 200) value = res.body;
  }
  check(value, { 'identity proof obtained': (v) => v !== null });
  if (credentials.size < 100000) credentials.set(pesel, value);
  return value;
}

/**
 * A resident POST in the gateway's identity mode: `pesel` as is; `oidc` with a bearer token for the
 * body's PESEL; `email-code` with the mailed code put into the body as `voter.code` / `author.code`.
 */
export function residentPost(url, body, params) {
  if (config.identity === 'pesel') return http.post(url, body, params);
  const parsed = JSON.parse(body);
  const person = parsed.voter || parsed.author;
  const proof = person && person.pesel ? credentialFor(person.pesel) : null;
  if (proof === null) return http.post(url, body, params);
  if (config.identity === 'oidc') return http.post(url, body, { ...params, headers: { ...params.headers, Authorization: `Bearer ${proof}` } });
  person.code = proof;
  return http.post(url, JSON.stringify(parsed), params);
}

// ---------------------------------------------------------------- operations

const sent = []; // this VU's acknowledged ballots: { body, receiptId }, for duplicate re-sends

/** One vote: a new unique voter, or (DUPLICATES of the time) an earlier voter's exact ballot again, expecting 200 + same receipt. */
export function castVote(data, slot = 0) {
  const url = `${config.baseUrl}/api/v1/editions/${enc(data.editionId)}/ballots`;
  const params = { headers: JSON_HEADERS, tags: { name: 'POST /ballots' } };
  if (sent.length > 0 && Math.random() < config.duplicates) {
    const earlier = sent[Math.floor(Math.random() * sent.length)];
    const res = residentPost(url, earlier.body, { ...params, tags: { name: 'POST /ballots (duplicate)' } });
    const same = res.status === 200 && receiptOf(res) === earlier.receiptId;
    check(res, { 'duplicate -> 200 with the original receipt': () => same });
    if (same) duplicatesMatched.add(1); else if (res.status === 200 || res.status === 201) duplicateViolations.add(1);
    return res;
  }
  const body = ballotBody(uniquePesel(data, slot), buildBallot(data.edition));
  const res = residentPost(url, body, params);
  check(res, { 'vote -> 201': (r) => r.status === 201 });
  if (res.status === 201) {
    ballotsCreated.add(1);
    if (sent.length < 1000) sent.push({ body, receiptId: receiptOf(res) });
  }
  return res;
}

/** One signature by a new adult signer, expecting 201. */
export function signOnce(data, slot = 1) {
  const body = JSON.stringify({ voter: { pesel: uniquePesel(data, slot) } });
  const res = residentPost(`${config.baseUrl}/api/v1/initiatives/${enc(data.initiativeId)}/signatures`, body, { headers: JSON_HEADERS, tags: { name: 'POST /signatures' } });
  check(res, { 'signature -> 201': (r) => r.status === 201 });
  if (res.status === 201) signaturesCreated.add(1);
  return res;
}

const resultsExpected = http.expectedStatuses(200, 403);

/** A resident refreshing the page: results (403 results-hidden is fine during voting) and the edition. */
export function readResultsAndEdition(data) {
  const base = `${config.baseUrl}/api/v1/editions/${enc(data.editionId)}`;
  const results = http.get(`${base}/results`, { tags: { name: 'GET /results' }, responseCallback: resultsExpected });
  check(results, { 'results -> 200 (or 403 results-hidden)': (r) => r.status === 200 || (r.status === 403 && codeOf(r) === 'results-hidden') });
  const edition = http.get(base, { tags: { name: 'GET /editions/{id}' } });
  check(edition, { 'edition -> 200': (r) => r.status === 200 });
  if (data.initiativeId) {
    const initiative = http.get(`${config.baseUrl}/api/v1/initiatives/${enc(data.initiativeId)}`, { tags: { name: 'GET /initiatives/{id}' } });
    check(initiative, { 'initiative -> 200': (r) => r.status === 200 });
  }
}

function jsonField(res, field) {
  try { return res.json(field); } catch (e) { return undefined; }
}
const receiptOf = (res) => jsonField(res, 'receiptId');
const codeOf = (res) => jsonField(res, 'code');

// ---------------------------------------------------------------- options and summary

export const summaryTrendStats = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'];

export function thresholds(extra = {}) {
  return {
    http_req_failed: [`rate<${config.maxFailedRate}`],
    http_req_duration: [`p(95)<${config.p95Ms}`, `p(99)<${config.p99Ms}`],
    duplicate_violations: ['count==0'],
    ...extra,
  };
}

/** Open model ramping START_RATE/s → PEAK_RATE/s (RAMP_UP), hold (HOLD), down (RAMP_DOWN), running `exec`. */
export function rampingScenario(exec) {
  return {
    executor: 'ramping-arrival-rate',
    startRate: config.startRate,
    timeUnit: '1s',
    preAllocatedVUs: config.preAllocatedVUs,
    maxVUs: config.maxVUs,
    stages: [
      { target: config.peakRate, duration: config.rampUp },
      { target: config.peakRate, duration: config.hold },
      { target: 0, duration: config.rampDown },
    ],
    exec,
  };
}

/** READERS VUs polling for DURATION, running `exec`. */
export function readersScenario(exec) {
  return { executor: 'constant-vus', vus: config.readers, duration: config.duration, exec };
}

const fmt = (v) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v));

/** handleSummary body: a compact text report (with dropped_iterations) and, with SUMMARY_JSON, the raw data. */
export function summarize(data, name) {
  const m = data.metrics || {};
  const value = (metric, stat) => (m[metric] && m[metric].values ? m[metric].values[stat] : undefined);
  const dropped = value('dropped_iterations', 'count') || 0;
  const lines = [`== ${name}`];
  lines.push(`   http_reqs ${fmt(value('http_reqs', 'count') || 0)} (${fmt(value('http_reqs', 'rate') || 0)}/s), failed ${fmt(100 * (value('http_req_failed', 'rate') || 0))} %`);
  lines.push(`   http_req_duration ms: p50 ${fmt(value('http_req_duration', 'med') || 0)} p95 ${fmt(value('http_req_duration', 'p(95)') || 0)} p99 ${fmt(value('http_req_duration', 'p(99)') || 0)} max ${fmt(value('http_req_duration', 'max') || 0)}`);
  lines.push(`   iterations ${fmt(value('iterations', 'count') || 0)}, dropped_iterations ${fmt(dropped)}${dropped > 0 ? '  <-- the load generator could not keep the arrival rate (raise MAX_VUS)' : ''}`);
  for (const counter of ['ballots_created', 'duplicate_receipts_matched', 'duplicate_violations', 'signatures_created']) {
    if (m[counter]) lines.push(`   ${counter} ${fmt(value(counter, 'count') || 0)}`);
  }
  lines.push(`   checks passed ${fmt(value('checks', 'passes') || 0)}, failed ${fmt(value('checks', 'fails') || 0)}`);
  for (const [metric, def] of Object.entries(m)) {
    for (const [expr, result] of Object.entries(def.thresholds || {})) {
      lines.push(`   threshold ${metric} ${expr}: ${result.ok ? 'ok' : 'FAILED'}`);
    }
  }
  const out = { stdout: lines.join('\n') + '\n' };
  if (config.summaryJson) out[config.summaryJson] = JSON.stringify({ scenario: name, droppedIterations: dropped, metrics: m }, null, 2);
  return out;
}
