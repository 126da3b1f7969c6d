// Stub of 'k6/execution': the harness moves the counters.
const exec = {
  vu: { idInTest: 1, idInInstance: 1, iterationInInstance: 0, iterationInScenario: 0, tags: {}, metrics: { tags: {} } },
  scenario: { name: 'default', executor: 'stub', startTime: 0, progress: 0, iterationInInstance: 0, iterationInTest: 0 },
  instance: { iterationsCompleted: 0, iterationsInterrupted: 0, vusActive: 1, vusInitialized: 1, currentTestRunDuration: 0 },
  test: { abort(message) { throw new Error(`k6 test.abort(): ${message}`); }, options: {} },
};
export default exec;
