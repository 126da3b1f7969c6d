// An initiative goes viral: signatures ramp from START_RATE/s to PEAK_RATE/s and hold.
//   k6 run -e BASE_URL=... -e ADMIN_TOKEN=... -e PEAK_RATE=3000 LoadTests/k6/signature-rush.js
import { config, setupFixtures, signOnce, thresholds, summarize, summaryTrendStats, rampingScenario } from './lib.js';

export const options = {
  scenarios: {
    signatures: rampingScenario('sign'),
  },
  thresholds: thresholds({ 'checks{scenario:signatures}': ['rate>0.99'] }),
  summaryTrendStats,
  setupTimeout: '120s',
};

export function setup() {
  return setupFixtures({ initiative: true });
}

export function sign(data) {
  signOnce(data, 1);
}

export default sign;

export function handleSummary(data) {
  return summarize(data, 'signature-rush');
}
