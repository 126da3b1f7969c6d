namespace Voting.Gateway.Ops;

/// <summary>
/// The live operations page: one self-contained document (inline CSS and JS, no external
/// resources) that polls <c>/ops/snapshot</c> and <c>/health/ready</c> every 2 s. Rates and
/// percentiles are taken over the last ~10 s from the difference of cumulative snapshots. The
/// turnout panel shows the editions and initiatives named in the page's query (<see cref="TurnoutPanel"/>).
/// </summary>
internal static class OpsPage
{
    public const string Html = """
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Voting · ops</title>
<style>
:root { --bg:#0f1419; --card:#1a2129; --line:#2b3540; --text:#e6edf3; --dim:#9aa7b4; --ok:#2ea043; --warn:#d29922; --bad:#f85149; --accent:#58a6ff; }
* { box-sizing:border-box; }
body { margin:0; background:var(--bg); color:var(--text); font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; }
header { display:flex; flex-wrap:wrap; gap:.25rem 1rem; align-items:baseline; padding:.6rem 1rem; border-bottom:1px solid var(--line); }
header h1 { font-size:1.1rem; margin:0; }
header .meta { color:var(--dim); font-size:.85rem; }
#banner { margin:.75rem 1rem; padding:.8rem 1rem; border-radius:8px; font-weight:700; font-size:1.6rem; display:flex; flex-wrap:wrap; gap:.2rem 1rem; align-items:baseline; background:var(--line); }
#banner small { font-weight:400; font-size:.95rem; }
#banner.ok { background:var(--ok); color:#fff; }
#banner.degraded { background:var(--warn); color:#111; }
#banner.down { background:var(--bad); color:#fff; }
main { display:grid; grid-template-columns:repeat(auto-fit,minmax(290px,1fr)); gap:.75rem; padding:0 1rem 1rem; }
section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:.7rem .9rem; min-width:0; }
h2 { font-size:.8rem; letter-spacing:.06em; text-transform:uppercase; color:var(--dim); margin:0 0 .4rem; font-weight:600; }
.big { display:flex; flex-wrap:wrap; gap:.3rem 1.2rem; }
.big div { min-width:5.5rem; }
.big b { display:block; font-size:1.9rem; font-variant-numeric:tabular-nums; line-height:1.15; }
.big span { color:var(--dim); font-size:.8rem; }
table { width:100%; border-collapse:collapse; font-variant-numeric:tabular-nums; margin-top:.4rem; }
td, th { padding:.15rem .2rem; text-align:right; border-bottom:1px solid var(--line); }
td:first-child, th:first-child { text-align:left; }
th { color:var(--dim); font-weight:500; font-size:.8rem; }
tr.alert td { color:var(--bad); font-weight:700; }
.bar { display:flex; height:14px; border-radius:4px; overflow:hidden; background:var(--line); margin:.4rem 0; }
.bar i { display:block; height:100%; }
.c2 { background:var(--ok); } .c4 { background:var(--warn); } .c5 { background:var(--bad); }
.legend { display:flex; gap:1rem; color:var(--dim); font-size:.85rem; flex-wrap:wrap; }
.legend b { color:var(--text); }
.bad { color:var(--bad) !important; }
canvas { width:100%; height:44px; display:block; margin-top:.4rem; }
.note { color:var(--dim); font-size:.8rem; margin:.3rem 0 0; }
main.stale { opacity:.45; }
footer { color:var(--dim); font-size:.8rem; padding:0 1rem 1rem; }
@media (max-width:480px) { .big b { font-size:1.55rem; } #banner { font-size:1.3rem; } }
</style>
</head>
<body>
<header>
  <h1>Voting · operations</h1>
  <span class="meta" id="meta">connecting…</span>
  <span class="meta" id="updated"></span>
</header>
<div id="banner" class="unknown" role="status" aria-live="polite"><span id="banner-state">…</span><small id="banner-reason">waiting for the first answer</small></div>
<main id="main">
  <section>
    <h2>Ballot endpoint · POST /editions/{id}/ballots</h2>
    <div class="big">
      <div><b id="ballot-rate">–</b><span>requests/s</span></div>
      <div><b id="ballot-p50">–</b><span>p50 ms</span></div>
      <div><b id="ballot-p99">–</b><span>p99 ms</span></div>
    </div>
    <canvas id="spark-rate" aria-label="ballot requests per second, last 5 minutes"></canvas>
    <canvas id="spark-p99" aria-label="ballot p99 latency, last 5 minutes"></canvas>
    <p class="note">Since start: <b id="ballot-total">0</b> requests · <span id="ballot-codes"></span></p>
  </section>
  <section>
    <h2>HTTP status codes · last 10 s</h2>
    <div class="bar" id="status-bar"><i class="c2"></i><i class="c4"></i><i class="c5"></i></div>
    <div class="legend"><span>2xx <b id="s2xx">0</b></span><span>4xx <b id="s4xx">0</b></span><span>5xx <b id="s5xx">0</b></span><span>503 <b id="s503">0</b></span></div>
    <table><thead><tr><th>code</th><th>last 10 s</th><th>/s</th><th>since start</th></tr></thead><tbody id="status-table"></tbody></table>
    <p class="note">All API routes; /ops, /metrics and /health are left out. 503 = overloaded or not ready.</p>
  </section>
  <section>
    <h2>Votes and storage</h2>
    <div class="big">
      <div><b id="votes-rate">–</b><span>ballots recorded/s (201)</span></div>
      <div><b id="units-rate">–</b><span>write units committed/s</span></div>
      <div><b id="commits-rate">–</b><span>group commits/s</span></div>
    </div>
    <table><tbody>
      <tr><td>batch size mean / p99</td><td id="batch">–</td></tr>
      <tr><td>commit duration p50 / p99</td><td id="commit">–</td></tr>
      <tr id="failures-row"><td>failed commits since start</td><td id="failures">0</td></tr>
      <tr><td>write units since start</td><td id="units-total">0</td></tr>
    </tbody></table>
  </section>
  <section>
    <h2>Grains and connections</h2>
    <div class="big">
      <div><b id="activations">–</b><span>activations in memory</span></div>
      <div><b id="active-requests">–</b><span>requests in flight</span></div>
      <div><b id="connections">–</b><span>open connections</span></div>
    </div>
    <table><tbody id="activation-table"></tbody></table>
  </section>
  <section>
    <h2>.NET runtime</h2>
    <div class="big">
      <div><b id="cpu">–</b><span>CPU % of <span id="cores">?</span> cores</span></div>
      <div><b id="heap">–</b><span>GC heap MB</span></div>
      <div><b id="ws">–</b><span>working set MB</span></div>
    </div>
    <table><tbody>
      <tr><td>GC collections/s gen0 · gen1 · gen2</td><td id="gc">–</td></tr>
      <tr><td>GC pause ms/s</td><td id="gc-pause">–</td></tr>
      <tr><td>allocated MB/s</td><td id="alloc">–</td></tr>
      <tr><td>thread pool threads · queue</td><td id="tp">–</td></tr>
      <tr><td>thread pool work items/s</td><td id="tp-rate">–</td></tr>
      <tr><td>exceptions/s · lock contentions/s</td><td id="exc">–</td></tr>
    </tbody></table>
  </section>
  <section id="turnout">
    <h2>Turnout · ledger counts</h2>
    <div id="turnout-editions"></div>
    <div id="turnout-initiatives"></div>
    <p class="note" id="turnout-hint">Watch editions and initiatives with <code>/ops?edition=ID,ID&amp;initiative=ID</code>: ballots per hour (UTC) and per pool, signatures against the threshold; exact committed counts, cluster-wide.</p>
  </section>
</main>
<footer>Polls <code>/ops/snapshot</code> and <code>/health/ready</code> every 2 s. Prometheus: <code>/metrics</code>.</footer>
<script>
"use strict";
const POLL_MS = 2000, WINDOW = 5, HISTORY = 150;
const $ = id => document.getElementById(id);
const samples = [];
const sparkRate = [], sparkP99 = [];
// The turnout panel's watched ids, from this page's own query (?edition=a,b&initiative=c).
const WATCH = (() => {
  const q = new URLSearchParams(location.search), p = new URLSearchParams();
  for (const k of ["edition", "initiative"]) if (q.get(k)) p.set(k, q.get(k));
  const t = p.toString();
  return t ? "?" + t : "";
})();

async function get(url) {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), 1800);
  try {
    return await fetch(url, { cache: "no-store", signal: ctl.signal });
  } finally {
    clearTimeout(timer);
  }
}

function fmt(n, digits) {
  if (n === null || n === undefined || !isFinite(n)) return "–";
  if (digits === undefined) digits = Math.abs(n) >= 100 ? 0 : 1;
  if (Math.abs(n) >= 1e6) return (n / 1e6).toFixed(1) + "M";
  if (Math.abs(n) >= 1e4) return (n / 1e3).toFixed(1) + "k";
  return n.toFixed(digits);
}
const int = n => fmt(n, 0);
const sum = o => Object.values(o || {}).reduce((a, b) => a + b, 0);
const d = (a, b) => Math.max(0, a - b);

function histDelta(cur, old) {
  const counts = cur.counts.map((c, i) => d(c, old ? old.counts[i] || 0 : 0));
  return { bounds: cur.bounds, counts: counts, count: counts.reduce((a, b) => a + b, 0), sum: d(cur.sum, old ? old.sum : 0) };
}

function quantile(h, q) {
  if (!h || h.count <= 0) return null;
  const rank = q * h.count;
  let cum = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const c = h.counts[i];
    if (c > 0 && cum + c >= rank) {
      if (i >= h.bounds.length) return h.bounds[h.bounds.length - 1];
      const lo = i === 0 ? 0 : h.bounds[i - 1], hi = h.bounds[i];
      return lo + (hi - lo) * ((rank - cum) / c);
    }
    cum += c;
  }
  return h.bounds[h.bounds.length - 1];
}

function codesDelta(cur, old) {
  const out = {};
  for (const k of Object.keys(cur)) out[k] = d(cur[k], old ? old[k] || 0 : 0);
  return out;
}
function byClass(codes) {
  const c = { "2": 0, "3": 0, "4": 0, "5": 0 };
  for (const [k, v] of Object.entries(codes)) c[k[0]] = (c[k[0]] || 0) + v;
  return c;
}

function spark(id, values, color) {
  const cv = $(id), ratio = window.devicePixelRatio || 1;
  const w = cv.clientWidth * ratio, h = cv.clientHeight * ratio;
  if (cv.width !== w) cv.width = w;
  if (cv.height !== h) cv.height = h;
  const g = cv.getContext("2d");
  g.clearRect(0, 0, w, h);
  const max = Math.max(1e-9, ...values.filter(v => v !== null));
  g.strokeStyle = color; g.lineWidth = 1.5 * ratio; g.beginPath();
  values.forEach((v, i) => {
    const x = w - (values.length - 1 - i) * (w / (HISTORY - 1));
    const y = h - 2 - ((v || 0) / max) * (h - 4);
    i === 0 ? g.moveTo(x, y) : g.lineTo(x, y);
  });
  g.stroke();
  g.fillStyle = "#9aa7b4"; g.font = (11 * ratio) + "px system-ui,sans-serif";
  g.fillText(id === "spark-rate" ? "req/s, max " + fmt(max) : "p99 ms, max " + fmt(max), 4 * ratio, 12 * ratio);
}

function banner(state, reason) {
  const b = $("banner");
  b.className = state.toLowerCase();
  $("banner-state").textContent = state;
  $("banner-reason").textContent = reason;
  document.title = (state === "OK" ? "" : state + " · ") + "Voting · ops";
}

function render(cur, old, health) {
  const dt = old ? Math.max(0.001, cur.atSeconds - old.atSeconds) : null;
  const rate = (a, b) => (dt ? d(a, b) / dt : null);

  $("meta").textContent = cur.component + " · " + cur.version + " · up " + uptime(cur.uptimeSeconds);
  $("cores").textContent = cur.processorCount;

  // Ballot endpoint.
  const bh = histDelta(cur.ballots, old ? old.ballots : null);
  const bRate = rate(cur.ballots.count, old ? old.ballots.count : 0);
  const p50 = quantile(bh, 0.5), p99 = quantile(bh, 0.99);
  $("ballot-rate").textContent = fmt(bRate);
  $("ballot-p50").textContent = p50 === null ? "–" : fmt(p50 * 1000);
  $("ballot-p99").textContent = p99 === null ? "–" : fmt(p99 * 1000);
  $("ballot-total").textContent = int(cur.ballots.count);
  $("ballot-codes").textContent = Object.entries(cur.ballotStatuses).sort().map(([k, v]) => k + ": " + int(v)).join(" · ") || "no ballots yet";
  sparkRate.push(bRate); sparkP99.push(p99 === null ? null : p99 * 1000);
  while (sparkRate.length > HISTORY) { sparkRate.shift(); sparkP99.shift(); }
  spark("spark-rate", sparkRate, "#58a6ff");
  spark("spark-p99", sparkP99, "#d29922");

  // Status codes.
  const win = codesDelta(cur.httpStatuses, old ? old.httpStatuses : null);
  const cls = byClass(win), total = Math.max(1, cls["2"] + cls["3"] + cls["4"] + cls["5"]);
  const bars = $("status-bar").children;
  bars[0].style.width = ((cls["2"] + cls["3"]) / total * 100) + "%";
  bars[1].style.width = (cls["4"] / total * 100) + "%";
  bars[2].style.width = (cls["5"] / total * 100) + "%";
  $("s2xx").textContent = int(cls["2"] + cls["3"]); $("s4xx").textContent = int(cls["4"]);
  $("s5xx").textContent = int(cls["5"]); $("s503").textContent = int(win["503"] || 0);
  $("s5xx").classList.toggle("bad", cls["5"] > 0); $("s503").classList.toggle("bad", (win["503"] || 0) > 0);
  const rows = Object.keys(cur.httpStatuses).sort().map(code => {
    const alert = code === "503" || code[0] === "5";
    const w = win[code] || 0;
    return "<tr" + (alert && (w > 0 || code === "503") ? " class=\"alert\"" : "") + "><td>" + code + "</td><td>" + int(w) + "</td><td>" + fmt(dt ? w / dt : null) + "</td><td>" + int(cur.httpStatuses[code]) + "</td></tr>";
  });
  $("status-table").innerHTML = rows.join("") || "<tr><td colspan=\"4\">no requests yet</td></tr>";

  // Votes and storage.
  const s = cur.storage, os = old ? old.storage : null;
  $("votes-rate").textContent = fmt(rate(cur.ballotStatuses["201"] || 0, old ? old.ballotStatuses["201"] || 0 : 0));
  $("units-rate").textContent = fmt(rate(s.units, os ? os.units : 0));
  $("commits-rate").textContent = fmt(rate(s.commits, os ? os.commits : 0));
  const batch = histDelta(s.batchSize, os ? os.batchSize : null);
  $("batch").textContent = batch.count > 0 ? fmt(batch.sum / batch.count) + " / " + fmt(quantile(batch, 0.99)) : "–";
  const commit = histDelta(s.commitSeconds, os ? os.commitSeconds : null);
  $("commit").textContent = commit.count > 0 ? fmt(quantile(commit, 0.5) * 1000) + " / " + fmt(quantile(commit, 0.99) * 1000) + " ms" : "–";
  $("failures").textContent = int(s.failures);
  $("failures-row").classList.toggle("alert", s.failures > 0);
  $("units-total").textContent = int(s.units);

  // Grains and connections.
  $("activations").textContent = int(sum(cur.activations));
  $("active-requests").textContent = int(cur.activeRequests);
  $("connections").textContent = int(cur.activeConnections);
  $("activation-table").innerHTML = Object.entries(cur.activations).sort().map(([k, v]) => "<tr><td>" + esc(k) + "</td><td>" + int(v) + "</td></tr>").join("");

  // Runtime.
  const r = cur.runtime, or = old ? old.runtime : null;
  $("cpu").textContent = dt ? fmt(d(r.cpuSeconds, or.cpuSeconds) / dt / cur.processorCount * 100) : "–";
  $("heap").textContent = fmt(r.heapBytes / 1048576);
  $("ws").textContent = fmt(r.workingSetBytes / 1048576);
  const gen = g => fmt(rate(r.gcCollections[g] || 0, or ? or.gcCollections[g] || 0 : 0));
  $("gc").textContent = gen("gen0") + " · " + gen("gen1") + " · " + gen("gen2");
  $("gc-pause").textContent = fmt(dt ? d(r.gcPauseSeconds, or.gcPauseSeconds) * 1000 / dt : null);
  $("alloc").textContent = fmt(dt ? d(r.allocatedBytes, or.allocatedBytes) / 1048576 / dt : null);
  $("tp").textContent = int(r.threadPoolThreads) + " · " + int(r.threadPoolQueue);
  $("tp").classList.toggle("bad", r.threadPoolQueue > 100);
  $("tp-rate").textContent = fmt(rate(r.threadPoolCompleted, or ? or.threadPoolCompleted : 0));
  $("exc").textContent = fmt(rate(r.exceptions, or ? or.exceptions : 0)) + " · " + fmt(rate(r.lockContentions, or ? or.lockContentions : 0));

  renderTurnout(cur.turnout);

  // Banner: readiness first, then what the last 10 s looked like.
  if (health.state === "DOWN") {
    banner("DOWN", health.reason);
  } else if (health.state === "DEGRADED") {
    banner("DEGRADED", health.reason);
  } else if (cls["5"] > 0) {
    banner("DEGRADED", "ready, but " + int(cls["5"]) + " responses were 5xx in the last 10 s" + ((win["503"] || 0) > 0 ? " (" + int(win["503"]) + "× 503)" : ""));
  } else if (os && s.failures > os.failures) {
    banner("DEGRADED", "ready, but group commits failed in the last 10 s");
  } else {
    banner("OK", "ready · " + fmt(bRate) + " ballots/s · p99 " + (p99 === null ? "–" : fmt(p99 * 1000) + " ms"));
  }
}

function renderTurnout(t) {
  const eds = t ? t.editions : [], ins = t ? t.initiatives : [];
  $("turnout-hint").hidden = eds.length + ins.length > 0;
  $("turnout-editions").innerHTML = eds.map(e => {
    const head = "<table><tbody><tr><th>edition " + esc(e.editionId) + (e.phase ? " · " + esc(e.phase) : "") + "</th><th>" + (e.problem ? "<span class=\"bad\">" + esc(e.problem) + "</span>" : int(e.ballots) + " ballots") + "</th></tr>";
    if (e.problem) return head + "</tbody></table>";
    const hours = e.byHour.slice(-12), max = Math.max(1, ...hours.map(h => h.ballots));
    const hourRows = hours.map(h => "<tr><td>" + esc(String(h.hour).slice(0, 13).replace("T", " ")) + ":00Z</td><td>" + int(h.ballots) +
      "<div class=\"bar\"><i class=\"c2\" style=\"width:" + (h.ballots / max * 100).toFixed(1) + "%\"></i></div></td></tr>").join("");
    const poolRows = e.byPool.map(p => "<tr><td>pool " + esc(p.poolId) + "</td><td>" + int(p.ballots) + "</td></tr>").join("");
    return head + "<tr><th>per hour (UTC, last 12)</th><th></th></tr>" + hourRows + "<tr><th>per pool</th><th></th></tr>" + poolRows + "</tbody></table>";
  }).join("");
  $("turnout-initiatives").innerHTML = ins.length === 0 ? "" : "<table><tbody><tr><th>initiative</th><th>signatures / threshold</th></tr>" + ins.map(i => {
    if (i.problem) return "<tr><td>" + esc(i.initiativeId) + "</td><td class=\"bad\">" + esc(i.problem) + "</td></tr>";
    const pct = i.threshold > 0 ? Math.min(100, i.signatures / i.threshold * 100) : 100;
    return "<tr><td>" + esc(i.initiativeId) + " · " + esc(i.status) + "</td><td>" + int(i.signatures) + " / " + int(i.threshold) + " (" + fmt(pct) + " %)" +
      "<div class=\"bar\"><i class=\"" + (pct >= 100 ? "c2" : "c4") + "\" style=\"width:" + pct.toFixed(1) + "%\"></i></div></td></tr>";
  }).join("") + "</tbody></table>";
}

function esc(t) { return String(t).replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" })[c]); }
function uptime(sec) {
  const h = Math.floor(sec / 3600), m = Math.floor(sec % 3600 / 60), s = Math.floor(sec % 60);
  return (h > 0 ? h + "h " : "") + (h > 0 || m > 0 ? m + "m " : "") + s + "s";
}

async function health() {
  try {
    const res = await get("/health/ready");
    const text = (await res.text()).trim();
    if (res.ok && text === "Degraded") return { state: "DEGRADED", reason: "health/ready reports Degraded" };
    if (res.ok) return { state: "OK", reason: "ready" };
    return { state: "DOWN", reason: "not ready (" + res.status + " " + (text || "") + "): storage unreachable or shards not owned" };
  } catch (e) {
    return { state: "DOWN", reason: "gateway unreachable (" + (e.name === "AbortError" ? "timeout" : "no answer") + ")" };
  }
}

async function snapshot() {
  try {
    const res = await get("/ops/snapshot" + WATCH);
    return res.ok ? await res.json() : null;
  } catch (e) {
    return null;
  }
}

async function poll() {
  const [h, snap] = await Promise.all([health(), snapshot()]);
  if (snap) {
    samples.push(snap);
    while (samples.length > WINDOW + 1) samples.shift();
    $("main").classList.remove("stale");
    render(snap, samples.length > 1 ? samples[0] : null, h);
    $("updated").textContent = "updated " + new Date().toLocaleTimeString();
  } else {
    banner(h.state === "OK" ? "DEGRADED" : "DOWN", h.state === "OK" ? "ready, but /ops/snapshot did not answer" : h.reason);
    $("main").classList.add("stale");
    $("updated").textContent = "no data since " + (samples.length ? "last update" : "page load");
  }
}

poll();
setInterval(poll, POLL_MS);
</script>
</body>
</html>
""";
}
