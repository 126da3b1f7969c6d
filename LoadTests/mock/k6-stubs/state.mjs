// Shared state of the k6 stubs (offline checks only; see scripts/check-k6.sh).
export const state = globalThis.__k6stub ?? (globalThis.__k6stub = {
  api: null,               // createFakeApi() instance answering k6/http calls
  checks: new Map(),       // name -> { passes, fails }
  metrics: new Map(),      // name -> { type, count, sum }
  requests: [],            // { method, url, status }
  sleeps: 0,
});
