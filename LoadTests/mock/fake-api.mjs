// In-memory fake of the Voting API (API.md), for offline checks only: the k6 stubs in
// scripts/check-k6.sh call it synchronously, and server.mjs serves it over HTTP for the
// .NET driver. It is NOT the real gateway; it implements just enough of the contract
// (validation, exactly-once per voter, results counting, receipts, initiatives, admin).
// Fault injection (for testing the driver's audit): opts.unavailableRate (503, not recorded),
// opts.ambiguousRate (ballot or supporter recorded but answered 500), opts.doubleCountRate (a bug:
// counts a ballot or a supporter twice).

const problem = (status, code, extra = {}) => ({
  status, headers: { 'content-type': 'application/problem+json' },
  body: { type: 'about:blank', title: code, status, code, ...extra },
});
const ok = (status, body, headers = {}) => ({ status, headers: { 'content-type': 'application/json', ...headers }, body });

const WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
export function peselValid(p) {
  if (typeof p !== 'string' || !/^\d{11}$/.test(p)) return false;
  const d = [...p].map(Number);
  const sum = WEIGHTS.reduce((s, w, i) => s + w * d[i], 0);
  if ((10 - (sum % 10)) % 10 !== d[10]) return false;
  const mm = d[2] * 10 + d[3];
  const month = mm % 20;
  const year = ({ 0: 1900, 1: 2000, 2: 2100, 3: 2200, 4: 1800 })[Math.floor(mm / 20)] + d[0] * 10 + d[1];
  const day = d[4] * 10 + d[5];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function ballotErrors(edition, selections) {
  const errors = [];
  const err = (poolId, rule, message) => errors.push({ poolId, rule, message });
  if (!Array.isArray(selections) || selections.length === 0) { err(null, 'empty', 'no selections'); return errors; }
  const poolOf = new Map();
  for (const pool of edition.pools) for (const pr of pool.projects) poolOf.set(pr.id, pool);
  const seen = new Set();
  const byPool = new Map();
  for (const s of selections) {
    if (!s || typeof s.projectId !== 'string') { err(null, 'malformed', 'projectId'); continue; }
    if (seen.has(s.projectId)) err(null, 'duplicate-project', s.projectId);
    seen.add(s.projectId);
    const pool = poolOf.get(s.projectId);
    if (!pool) { err(null, 'unknown-project', s.projectId); continue; }
    if (!byPool.has(pool)) byPool.set(pool, []);
    byPool.get(pool).push(s);
  }
  const districts = [...byPool.keys()].filter((p) => p.kind === 'district').length;
  if (districts > (edition.maxDistrictPools ?? 1)) err(null, 'max-district-pools', `${districts}`);
  for (const [pool, picks] of byPool) {
    const r = pool.ballot;
    const cost = picks.reduce((s, p) => s + pool.projects.find((x) => x.id === p.projectId).cost, 0);
    if (r.type !== 'cumulative' && picks.some((p) => p.points !== undefined && p.points !== null)) err(pool.id, 'points', 'points on non-cumulative');
    if (r.type === 'approval' || r.type === 'ordinal') {
      if (picks.length < (r.minSelections ?? 0) || picks.length > (r.maxSelections ?? Infinity)) err(pool.id, 'selections', `${picks.length}`);
      if (r.type === 'ordinal' && r.points && picks.length > r.points.length) err(pool.id, 'ranks', `${picks.length}`);
      if (cost > (r.maxTotalCost ?? Infinity)) err(pool.id, 'max-total-cost', `${cost}`);
    } else if (r.type === 'cumulative') {
      const total = picks.reduce((s, p) => s + (p.points ?? 0), 0);
      if (picks.some((p) => !Number.isInteger(p.points) || p.points < 1 || p.points > (r.maxPointsPerProject ?? Infinity))) err(pool.id, 'points-per-project', '');
      if (total < (r.minPoints ?? 0) || total > (r.maxPoints ?? Infinity)) err(pool.id, 'total-points', `${total}`);
    } else if (r.type === 'knapsack') {
      if (cost > pool.budget || cost < pool.budget * (r.minSpendPercent ?? 0) / 100) err(pool.id, 'budget', `${cost}`);
    } else err(pool.id, 'type', r.type);
  }
  return errors;
}

export function createFakeApi(opts = {}) {
  const token = opts.adminToken ?? 'secret';
  const rnd = opts.random ?? Math.random;
  const editions = new Map();   // id -> { doc, voters: Map(pesel -> {key, receiptId}), receipts: Map, tally: Map(projectId -> {votes, score}), ballots }
  const initiatives = new Map();
  const receipts = new Map();
  let seq = 0;
  const now = () => new Date().toISOString();
  const stats = { requests: 0 };

  function addEdition(doc, phase) {
    const e = { doc: { ...doc, phase }, voters: new Map(), tally: new Map(), ballots: 0 };
    editions.set(doc.id, e);
    return e;
  }

  function count(e, selections) {
    e.ballots++;
    for (const s of selections) {
      const pool = e.doc.pools.find((p) => p.projects.some((x) => x.id === s.projectId));
      const rank = pool.ballot.type === 'ordinal' ? selections.filter((x) => pool.projects.some((y) => y.id === x.projectId)).indexOf(s) : 0;
      const points = pool.ballot.type === 'ordinal' ? (pool.ballot.points ?? [])[rank] ?? 1 : pool.ballot.type === 'cumulative' ? s.points : 1;
      const t = e.tally.get(s.projectId) ?? { votes: 0, score: 0 };
      t.votes++; t.score += points;
      e.tally.set(s.projectId, t);
    }
  }

  function results(e) {
    return {
      editionId: e.doc.id, status: e.doc.phase === 'final' ? 'final' : 'provisional', ballots: e.ballots,
      pools: e.doc.pools.map((p) => ({
        poolId: p.id, budget: p.budget, method: p.method ?? 'greedy', spent: 0,
        projects: p.projects.map((x) => ({ projectId: x.id, cost: x.cost, ...(e.tally.get(x.id) ?? { votes: 0, score: 0 }), selected: false }))
          .sort((a, b) => b.score - a.score || b.votes - a.votes || a.cost - b.cost || (a.projectId < b.projectId ? -1 : 1)),
      })),
    };
  }

  function castBallot(e, body, idemKey) {
    if (!body || typeof body !== 'object' || !body.voter || typeof body.voter.pesel !== 'string' || !Array.isArray(body.selections)) return problem(400, 'malformed-request');
    if (!peselValid(body.voter.pesel)) return problem(422, 'invalid-pesel');
    if (e.doc.phase !== 'voting') return problem(409, 'voting-not-open');
    const errors = ballotErrors(e.doc, body.selections);
    if (errors.length) return problem(422, 'invalid-ballot', { errors });
    const key = JSON.stringify(body.selections.map((s) => [s.projectId, s.points ?? null]));
    const prior = e.voters.get(body.voter.pesel);
    if (prior) {
      if (prior.key === key || (idemKey && prior.idemKey === idemKey)) return ok(200, receipts.get(prior.receiptId), { location: `/api/v1/receipts/${prior.receiptId}` });
      return problem(409, 'already-voted');
    }
    if (rnd() < (opts.unavailableRate ?? 0)) return { ...problem(503, 'unavailable'), headers: { 'content-type': 'application/problem+json', 'retry-after': '1' } };
    const receipt = { receiptId: `r${++seq}`, editionId: e.doc.id, castAt: now(), status: 'counted' };
    receipts.set(receipt.receiptId, receipt);
    e.voters.set(body.voter.pesel, { key, idemKey, receiptId: receipt.receiptId });
    count(e, body.selections);
    if (rnd() < (opts.doubleCountRate ?? 0)) count(e, body.selections);
    if (rnd() < (opts.ambiguousRate ?? 0)) return problem(500, 'internal');
    return ok(201, { receiptId: receipt.receiptId, editionId: receipt.editionId, castAt: receipt.castAt }, { location: `/api/v1/receipts/${receipt.receiptId}` });
  }

  // Proposals and supporters (submission-rush.js): one proposal per (author, title) (a repeat is 200),
  // supporters exactly once per person per proposal (a repeat is 200 with the same receipt).
  function propose(e, body) {
    if (!body || !body.author || typeof body.author.pesel !== 'string' || typeof body.title !== 'string' || typeof body.poolId !== 'string') return problem(400, 'malformed-request');
    if (!peselValid(body.author.pesel)) return problem(422, 'invalid-pesel');
    if (e.doc.phase !== 'submission') return problem(409, 'phase-closed');
    const pool = e.doc.pools.find((x) => x.id === body.poolId);
    if (!pool) return problem(422, 'invalid-proposal');
    e.proposals ??= new Map();
    const existing = [...e.proposals.values()].find((x) => x.author === body.author.pesel && x.view.title === body.title);
    if (existing) return ok(200, existing.view);
    if ([...e.proposals.values()].filter((x) => x.author === body.author.pesel).length >= (pool.maxProposalsPerAuthor ?? 3)) return problem(409, 'too-many-proposals');
    const view = { proposalId: `p${++seq}`, poolId: pool.id, title: body.title, costEstimate: body.costEstimate, status: (pool.minSupporters ?? 0) > 0 ? 'collecting-support' : 'submitted', supporters: 0 };
    e.proposals.set(view.proposalId, { author: body.author.pesel, view, supporters: new Map(), min: pool.minSupporters ?? 0 });
    return ok(201, view);
  }

  function supportProposal(e, proposal, body) {
    if (!body || !body.voter || typeof body.voter.pesel !== 'string') return problem(400, 'malformed-request');
    if (!peselValid(body.voter.pesel)) return problem(422, 'invalid-pesel');
    if (e.doc.phase !== 'submission') return problem(409, 'phase-closed');
    const prior = proposal.supporters.get(body.voter.pesel);
    if (prior) return ok(200, { receiptId: prior, supporters: proposal.view.supporters });
    const receiptId = `u${++seq}`;
    proposal.supporters.set(body.voter.pesel, receiptId);
    proposal.view.supporters++;
    if (rnd() < (opts.doubleCountRate ?? 0)) proposal.view.supporters++;
    if (proposal.view.status === 'collecting-support' && proposal.view.supporters >= proposal.min) proposal.view.status = 'submitted';
    if (rnd() < (opts.ambiguousRate ?? 0)) return problem(500, 'internal');
    return ok(201, { receiptId, supporters: proposal.view.supporters });
  }

  function sign(i, body) {
    if (!body || !body.voter || typeof body.voter.pesel !== 'string') return problem(400, 'malformed-request');
    if (!peselValid(body.voter.pesel)) return problem(422, 'invalid-pesel');
    const prior = i.signers.get(body.voter.pesel);
    if (prior) return ok(200, { ...prior, signatures: i.doc.signatures });
    const r = { receiptId: `s${++seq}`, initiativeId: i.doc.id, signedAt: now() };
    i.signers.set(body.voter.pesel, r);
    i.doc.signatures++;
    if (i.doc.signatures >= i.doc.threshold) i.doc.status = 'threshold-reached';
    return ok(201, { ...r, signatures: i.doc.signatures });
  }

  /** handle(method, url, bodyText, headers) -> { status, headers, body (object or string) } */
  function handle(method, url, bodyText, headers = {}) {
    stats.requests++;
    const h = Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const u = new URL(url, 'http://fake');
    const path = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    let body = null;
    if (bodyText !== null && bodyText !== undefined && bodyText !== '') {
      try { body = typeof bodyText === 'string' ? JSON.parse(bodyText) : bodyText; } catch { if (!(path[2] === 'admin' && path[4] === 'import')) return problem(400, 'malformed-request'); }
    }
    const p = path.join('/');
    if (method === 'GET' && p === 'health/live') return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'Healthy' };
    if (path[0] !== 'api' || path[1] !== 'v1') return problem(404, 'not-found');
    if (path[2] === 'admin') {
      if (h.authorization !== `Bearer ${token}`) return problem(401, 'unauthorized');
      if (method === 'POST' && path[3] === 'editions' && path.length === 4) {
        if (!body || !body.id || !Array.isArray(body.pools)) return problem(400, 'malformed-request');
        if (editions.has(body.id)) return problem(409, 'edition-exists');
        return ok(201, addEdition(body, ['draft', 'submission'].includes(body.phase) ? body.phase : 'draft').doc);
      }
      if (method === 'POST' && path[3] === 'editions' && path[5] === 'phase') {
        const e = editions.get(path[4]);
        if (!e) return problem(404, 'edition-not-found');
        if (!body || !['voting', 'closed', 'final'].includes(body.phase)) return problem(400, 'malformed-request');
        e.doc.phase = body.phase;
        return ok(200, e.doc);
      }
      if (method === 'POST' && path[3] === 'initiatives') {
        if (!body || !body.id) return problem(400, 'malformed-request');
        initiatives.set(body.id, { doc: { ...body, signatures: 0, status: 'collecting' }, signers: new Map() });
        return ok(201, initiatives.get(body.id).doc);
      }
      return problem(404, 'not-found');
    }
    if (path[2] === 'editions') {
      const e = editions.get(path[3]);
      if (!e) return problem(404, 'edition-not-found');
      if (method === 'GET' && path.length === 4) return ok(200, e.doc);
      if (method === 'POST' && path[4] === 'proposals' && path.length === 5) return propose(e, body);
      if (path[4] === 'proposals' && path.length >= 6) {
        const proposal = e.proposals?.get(path[5]);
        if (!proposal) return problem(404, 'proposal-not-found');
        if (method === 'GET' && path.length === 6) return ok(200, proposal.view);
        if (method === 'POST' && path[6] === 'supporters') return supportProposal(e, proposal, body);
      }
      if (method === 'POST' && path[4] === 'ballots') return castBallot(e, body, h['idempotency-key']);
      if (method === 'GET' && path[4] === 'results') {
        if (e.doc.phase === 'voting' && !e.doc.liveResults) return problem(403, 'results-hidden');
        return ok(200, results(e));
      }
    }
    if (path[2] === 'receipts' && method === 'GET') {
      const r = receipts.get(path[3]);
      return r ? ok(200, r) : problem(404, 'receipt-not-found');
    }
    if (path[2] === 'initiatives') {
      const i = initiatives.get(path[3]);
      if (!i) return problem(404, 'initiative-not-found');
      if (method === 'GET' && path.length === 4) return ok(200, i.doc);
      if (method === 'POST' && path[4] === 'signatures') return sign(i, body);
    }
    return problem(404, 'not-found');
  }

  return { handle, editions, initiatives, stats, addEdition };
}
