// Everything at once on one gateway: ramping votes, a steady signature stream, and readers.
//   k6 run -e BASE_URL=... -e ADMIN_TOKEN=... -e PEAK_RATE=1500 -e SIGNATURE_RATE=300 -e READERS=500 LoadTests/k6/mixed.js
import { sleep } from 'k6';
import { config, setupFixtures, castVote, signOnce, readResultsAndEdition, thresholds, summarize, summaryTrendStats, rampingScenario, readersScenario } from './lib.js';

export const options = {
  scenarios: {
    votes: rampingScenario('vote'),
    signatures: {
      executor: 'constant-arrival-rate',
      rate: config.signatureRate,
      timeUnit: '1s',
      duration: config.duration,
      preAllocatedVUs: Math.max(10, Math.floor(config.preAllocatedVUs / 4)),
      maxVUs: Math.max(50, Math.floor(config.maxVUs / 4)),
      exec: 'sign',
    },
    readers: readersScenario('read'),
  },
  thresholds: thresholds({
    'http_req_duration{name:POST /ballots}': [`p(99)<${config.p99Ms}`],
    'http_req_duration{name:POST /signatures}': [`p(99)<${config.p99Ms}`],
  }),
  summaryTrendStats,
  setupTimeout: '120s',
};

export function setup() {
  return setupFixtures({ edition: true, initiative: true });
}

export function vote(data) {
  castVote(data, 0);
}

export function sign(data) {
  signOnce(data, 1);
}

export function read(data) {
  readResultsAndEdition(data);
  sleep(config.readerPause * (0.5 + Math.random()));
}

export default vote;

export function handleSummary(data) {
  return summarize(data, 'mixed');
}
