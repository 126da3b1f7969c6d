// Closing-day peak: ramping arrival rate of unique voters to PEAK_RATE/s, ~1% exact duplicate
// re-sends (expect 200 with the original receipt). Open model: k6 keeps the arrival rate and
// reports dropped_iterations when it runs out of VUs.
//   k6 run -e BASE_URL=http://localhost:8080 -e ADMIN_TOKEN=... -e PEAK_RATE=2000 LoadTests/k6/vote-peak.js
import { config, setupFixtures, castVote, thresholds, summarize, summaryTrendStats, rampingScenario } from './lib.js';

export const options = {
  scenarios: {
    votes: rampingScenario('vote'),
  },
  thresholds: thresholds({ 'checks{scenario:votes}': ['rate>0.99'] }),
  summaryTrendStats,
  setupTimeout: '120s',
};

export function setup() {
  return setupFixtures({ edition: true });
}

export function vote(data) {
  castVote(data, 0);
}

export default vote;

export function handleSummary(data) {
  return summarize(data, 'vote-peak');
}
