// Stub of the 'k6' module for offline checks under node.
import { state } from './state.mjs';

export function check(value, sets, tags) {
  let all = true;
  for (const [name, fn] of Object.entries(sets || {})) {
    let passed;
    try { passed = typeof fn === 'function' ? !!fn(value) : !!fn; } catch (e) { passed = false; }
    const c = state.checks.get(name) ?? { passes: 0, fails: 0 };
    if (passed) c.passes++; else c.fails++;
    state.checks.set(name, c);
    all = all && passed;
  }
  return all;
}

export function fail(message) {
  throw new Error(`k6 fail(): ${message}`);
}

export function sleep(seconds) {
  if (typeof seconds !== 'number' || Number.isNaN(seconds)) throw new TypeError('sleep() needs a number');
  state.sleeps++;
}

export function group(name, fn) {
  return fn();
}

export function randomSeed() {}

export default { check, fail, sleep, group, randomSeed };
