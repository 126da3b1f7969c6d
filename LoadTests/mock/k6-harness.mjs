// Offline smoke run of k6 scripts under node with stubbed k6 modules (scripts/check-k6.sh).
// For each script: import it (so syntax and import/export names are linked), check `options`
// and that every scenario's `exec` is an exported function, run setup() against the in-memory
// fake API, run each scenario's function for a few iterations (the fake validates every ballot
// against the edition's rules), teardown() when exported, and call handleSummary(). Exit code 1 on any problem.
import { pathToFileURL } from 'node:url';
import { createFakeApi, peselValid, ballotErrors } from './fake-api.mjs';
import { state } from './k6-stubs/state.mjs';
import exec from './k6-stubs/k6/execution.mjs';

const ITERATIONS = Number(process.env.K6_STUB_ITERATIONS ?? 300);
globalThis.__ENV = { BASE_URL: 'http://fake.invalid', ADMIN_TOKEN: 'secret', DUPLICATES: '0.05' };
globalThis.__VU = 0;
globalThis.__ITER = 0;

const problems = [];
const files = process.argv.slice(2);

for (const file of files) {
  const name = file.split('/').pop();
  const before = problems.length;
  const complain = (msg) => problems.push(`${name}: ${msg}`);
  state.api = createFakeApi({ adminToken: 'secret' });
  state.checks.clear();
  state.requests.length = 0;
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (e) {
    complain(`import failed: ${e.stack || e}`);
    continue;
  }
  if (name === 'lib.js') {
    for (const fn of ['peselFor', 'peselFromDate', 'generatedEdition', 'buildBallot', 'setupFixtures', 'castVote', 'signOnce', 'readResultsAndEdition', 'summarize', 'thresholds']) {
      if (typeof mod[fn] !== 'function') complain(`lib.js does not export function ${fn}`);
    }
    if (mod.peselFromDate(Date.UTC(1944, 4, 14), 135) !== '44051401359') complain('peselFromDate(1944-05-14, 0135) is not 44051401359');
    if (mod.peselFromDate(Date.UTC(2003, 6, 1), 1234).slice(2, 4) !== '27') complain('2000s births must use month + 20');
    const seen = new Set();
    for (let n = 0; n < 200000; n++) {
      const p = mod.peselFor(n * 37, mod.PESEL_CAPACITY - 100000);
      if (!peselValid(p)) { complain(`invalid PESEL ${p}`); break; }
      const yy = Number(p.slice(0, 2)); const mm = Number(p.slice(2, 4));
      if (mm > 20 && yy > 4) { complain(`not an adult: ${p}`); break; }
      seen.add(p);
    }
    if (seen.size !== 200000) complain(`peselFor: ${200000 - seen.size} collisions`);
    const edition = mod.generatedEdition('x');
    for (let i = 0; i < 3000; i++) {
      const errors = ballotErrors(edition, mod.buildBallot(edition).selections);
      if (errors.length) { complain(`invalid ballot: ${JSON.stringify(errors)}`); break; }
    }
    console.log(`ok   ${name}: imports and exports link; 200k PESELs valid, adult and distinct; 3000 ballots valid`);
    continue;
  }
  const options = mod.options;
  if (!options || typeof options !== 'object') { complain('no exported options object'); continue; }
  const scenarios = options.scenarios ?? { default: { exec: 'default' } };
  for (const [sname, sc] of Object.entries(scenarios)) {
    const fn = mod[sc.exec ?? 'default'];
    if (typeof fn !== 'function') complain(`scenario ${sname}: exec '${sc.exec ?? 'default'}' is not an exported function`);
    if (!sc.executor) complain(`scenario ${sname}: no executor`);
    if (/arrival-rate/.test(sc.executor ?? '') && !(sc.maxVUs >= sc.preAllocatedVUs && sc.preAllocatedVUs > 0)) complain(`scenario ${sname}: VU bounds`);
    if (sc.stages && !sc.stages.every((s) => Number.isFinite(s.target) && typeof s.duration === 'string')) complain(`scenario ${sname}: bad stages`);
  }
  for (const [metric, list] of Object.entries(options.thresholds ?? {})) {
    if (!Array.isArray(list) || list.some((t) => typeof t !== 'string' || /undefined|NaN/.test(t))) complain(`threshold ${metric} malformed: ${JSON.stringify(list)}`);
  }
  if (typeof mod.handleSummary !== 'function') complain('no handleSummary');
  if (problems.length > before) continue;

  try {
    const data = mod.setup ? JSON.parse(JSON.stringify(mod.setup() ?? null)) : undefined;
    let vu = 0;
    for (const [sname, sc] of Object.entries(scenarios)) {
      exec.scenario.name = sname;
      exec.vu.idInTest = ++vu;
      globalThis.__VU = vu;
      for (let i = 0; i < ITERATIONS; i++) {
        exec.scenario.iterationInTest = i;
        exec.vu.iterationInScenario = i;
        globalThis.__ITER = i;
        mod[sc.exec ?? 'default'](data);
      }
    }
    if (typeof mod.teardown === 'function') mod.teardown(data);
    const summary = mod.handleSummary({
      metrics: {
        http_reqs: { type: 'counter', values: { count: state.requests.length, rate: 100 } },
        http_req_failed: { type: 'rate', values: { rate: 0 }, thresholds: { 'rate<0.01': { ok: true } } },
        http_req_duration: { type: 'trend', values: { med: 1, 'p(95)': 2, 'p(99)': 3, max: 4 } },
        iterations: { type: 'counter', values: { count: ITERATIONS } },
        dropped_iterations: { type: 'counter', values: { count: 7 } },
        checks: { type: 'rate', values: { passes: 1, fails: 0 } },
      },
    });
    if (!summary || typeof summary.stdout !== 'string' || !/dropped_iterations 7/.test(summary.stdout)) complain('handleSummary stdout does not report dropped_iterations');
  } catch (e) {
    complain(`run failed: ${e.stack || e}`);
    continue;
  }
  const failedChecks = [...state.checks].filter(([, c]) => c.fails > 0);
  for (const [check, c] of failedChecks) complain(`check '${check}' failed ${c.fails}/${c.passes + c.fails}`);
  const bad = state.requests.filter((r) => r.status >= 400);
  if (bad.length > 0) complain(`${bad.length} request(s) answered >= 400, e.g. ${JSON.stringify(bad[0])}`);
  const checks = [...state.checks].map(([k, c]) => `${k} ${c.passes}/${c.passes + c.fails}`).join('; ');
  if (problems.length === before) console.log(`ok   ${name}: ${state.requests.length} requests; ${checks}`);
}

if (problems.length > 0) {
  for (const p of problems) console.error(`FAIL ${p}`);
  process.exit(1);
}
