// The submission rush of a participatory budget (API.md "Participatory-budget cycle"): in the
// last days of the submission phase residents file proposals (PROPOSAL_RATE/s) while supporters
// pile onto them (ramping START_RATE/s → PEAK_RATE/s), DUPLICATES of the supporters sending their
// support again (expecting 200 and the same receipt).
//   k6 run -e BASE_URL=... -e ADMIN_TOKEN=... -e PEAK_RATE=1000 LoadTests/k6/submission-rush.js
// Exactly-once audit (teardown): the proposals' supporters counts, summed, must equal the
// supporters acknowledged with 201 (supporters_created = supporters_counted in the summary).
// An existing edition in phase submission: -e EDITION_ID=... (the counts then include earlier runs).
import http from 'k6/http';
import { check, fail } from 'k6';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';
import { config, thresholds, summarize, summaryTrendStats, rampingScenario, uniquePesel, peselFor, residentPost } from './lib.js';

const SEED_PROPOSALS = Number(__ENV.SEED_PROPOSALS || 20);
const PROPOSAL_RATE = Number(__ENV.PROPOSAL_RATE || 20);
const MIN_SUPPORTERS = Number(__ENV.MIN_SUPPORTERS || 50);

export const proposalsCreated = new Counter('proposals_created');
export const supportersCreated = new Counter('supporters_created');
export const supportersCounted = new Counter('supporters_counted');
export const supporterReplaysMatched = new Counter('supporter_replays_matched');
export const duplicateViolations = new Counter('duplicate_violations');

export const options = {
  scenarios: {
    proposals: {
      executor: 'constant-arrival-rate', rate: PROPOSAL_RATE, timeUnit: '1s', duration: config.rampUp,
      preAllocatedVUs: Math.min(config.preAllocatedVUs, 50), maxVUs: Math.max(Math.min(config.maxVUs, 500), 50), exec: 'propose',
    },
    supporters: rampingScenario('support'),
  },
  thresholds: thresholds({
    'checks{scenario:supporters}': ['rate>0.99'],
    'checks{scenario:proposals}': ['rate>0.99'],
  }),
  summaryTrendStats,
  setupTimeout: '120s',
};

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const adminHeaders = () => ({ ...JSON_HEADERS, Authorization: `Bearer ${config.adminToken}` });
const enc = encodeURIComponent;
const base = (data) => `${config.baseUrl}/api/v1/editions/${enc(data.editionId)}`;

/** A cycle edition in phase submission: one city pool without projects, MIN_SUPPORTERS to be submitted. */
export function cycleEdition(id) {
  const now = Date.now();
  return {
    id, name: `Submission rush ${id}`, phase: 'submission',
    votingOpensAt: new Date(now + 30 * 86400000).toISOString(),
    votingClosesAt: new Date(now + 40 * 86400000).toISOString(),
    liveResults: false,
    pools: [{
      id: 'city', name: 'Ogólnomiejski', kind: 'city', budget: 10000000, method: 'greedy',
      ballot: { type: 'approval', minSelections: 1, maxSelections: 5 },
      minSupporters: MIN_SUPPORTERS, maxProposalsPerAuthor: 3, projects: [],
    }],
  };
}

const proposalBody = (pesel, title) => JSON.stringify({
  author: { pesel }, poolId: 'city', title, description: `Opis: ${title}`, costEstimate: 100000 + Math.floor(Math.random() * 900000), location: 'Rynek', category: 'green',
});

export function setup() {
  const data = { peselOffset: Math.floor(Math.random() * 1e9), editionId: config.editionId, proposals: [] };
  if (!data.editionId) {
    if (!config.adminToken) fail('set EDITION_ID or ADMIN_TOKEN');
    data.editionId = `k6-rush-${Date.now().toString(36)}-${Math.floor(Math.random() * 0xffff).toString(16)}`;
    const res = http.post(`${config.baseUrl}/api/v1/admin/editions`, JSON.stringify(cycleEdition(data.editionId)), { headers: adminHeaders(), tags: { name: 'admin' } });
    if (res.status !== 201) fail(`POST /api/v1/admin/editions -> ${res.status} ${res.body}`);
  }
  // Seed proposals (slot 9 of the PESEL space: authors) for the supporters to pile onto.
  for (let i = 0; i < SEED_PROPOSALS; i++) {
    const res = residentPost(`${base(data)}/proposals`, proposalBody(peselFor(9 * 40000000 + i, data.peselOffset), `Seed ${i}`), { headers: JSON_HEADERS, tags: { name: 'POST /proposals (seed)' } });
    if (res.status !== 201 && res.status !== 200) fail(`seed proposal -> ${res.status} ${res.body}`);
    data.proposals.push(res.json('proposalId'));
  }
  return data;
}

/** A new author files a proposal: 201 (a repeat of the same would be 200). */
export function propose(data) {
  const res = residentPost(`${base(data)}/proposals`, proposalBody(uniquePesel(data, 7), `Pomysł ${exec.scenario.iterationInTest}`), { headers: JSON_HEADERS, tags: { name: 'POST /proposals' } });
  check(res, { 'proposal -> 201': (r) => r.status === 201 });
  if (res.status === 201) proposalsCreated.add(1);
}

const sent = []; // this VU's acknowledged supports: { url, body, receiptId }

/** A new supporter for a random seeded proposal, or (DUPLICATES of the time) an earlier one again. */
export function support(data) {
  const params = { headers: JSON_HEADERS, tags: { name: 'POST /supporters' } };
  if (sent.length > 0 && Math.random() < config.duplicates) {
    const earlier = sent[Math.floor(Math.random() * sent.length)];
    const res = residentPost(earlier.url, earlier.body, { ...params, tags: { name: 'POST /supporters (duplicate)' } });
    let receipt;
    try { receipt = res.json('receiptId'); } catch (e) { receipt = undefined; }
    const same = res.status === 200 && receipt === earlier.receiptId;
    check(res, { 'supporter again -> 200 with the original receipt': () => same });
    if (same) supporterReplaysMatched.add(1); else if (res.status === 200 || res.status === 201) duplicateViolations.add(1);
    return;
  }
  const proposal = data.proposals[Math.floor(Math.random() * data.proposals.length)];
  const url = `${base(data)}/proposals/${enc(proposal)}/supporters`;
  const body = JSON.stringify({ voter: { pesel: uniquePesel(data, 8) } });
  const res = residentPost(url, body, params);
  check(res, { 'supporter -> 201': (r) => r.status === 201 });
  if (res.status === 201) {
    supportersCreated.add(1);
    if (sent.length < 1000) sent.push({ url, body, receiptId: res.json('receiptId') });
  }
}

export default support;

/** The exactly-once audit's other half: what the proposals count. */
export function teardown(data) {
  let counted = 0;
  for (const proposal of data.proposals) {
    const res = http.get(`${base(data)}/proposals/${enc(proposal)}`, { tags: { name: 'GET /proposals/{id}' } });
    if (res.status === 200) counted += res.json('supporters');
  }
  supportersCounted.add(counted);
  console.log(`submission-rush audit: the ${data.proposals.length} seeded proposals count ${counted} supporters (compare supporters_created)`);
}

export function handleSummary(data) {
  const out = summarize(data, 'submission-rush');
  const m = data.metrics || {};
  const count = (name) => (m[name] && m[name].values ? m[name].values.count || 0 : 0);
  for (const name of ['proposals_created', 'supporters_created', 'supporters_counted', 'supporter_replays_matched']) {
    out.stdout += `   ${name} ${count(name)}\n`;
  }
  if (m.supporters_counted) {
    const ok = count('supporters_counted') === count('supporters_created');
    out.stdout += `   exactly-once audit (supporters counted = acknowledged with 201): ${ok ? 'ok' : 'MISMATCH'}\n`;
  }
  return out;
}
