// Many residents polling results and the edition (READERS VUs, READER_PAUSE s between refreshes)
// while votes keep flowing at VOTE_RATE/s: two scenarios side by side.
//   k6 run -e BASE_URL=... -e ADMIN_TOKEN=... -e READERS=1000 -e VOTE_RATE=300 LoadTests/k6/results-readers.js
import { sleep } from 'k6';
import { config, setupFixtures, castVote, readResultsAndEdition, thresholds, summarize, summaryTrendStats, readersScenario } from './lib.js';

export const options = {
  scenarios: {
    votes: {
      executor: 'constant-arrival-rate',
      rate: config.voteRate,
      timeUnit: '1s',
      duration: config.duration,
      preAllocatedVUs: config.preAllocatedVUs,
      maxVUs: config.maxVUs,
      exec: 'vote',
    },
    readers: readersScenario('read'),
  },
  thresholds: thresholds({
    'http_req_duration{name:GET /results}': [`p(99)<${config.p99Ms}`],
    'http_req_duration{name:POST /ballots}': [`p(99)<${config.p99Ms}`],
  }),
  summaryTrendStats,
  setupTimeout: '120s',
};

export function setup() {
  return setupFixtures({ edition: true });
}

export function vote(data) {
  castVote(data, 0);
}

export function read(data) {
  readResultsAndEdition(data);
  sleep(config.readerPause * (0.5 + Math.random()));
}

export default read;

export function handleSummary(data) {
  return summarize(data, 'results-readers');
}
