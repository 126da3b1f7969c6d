// Stub of 'k6/metrics'.
import { state } from '../state.mjs';

class Metric {
  constructor(name, isTime) {
    if (typeof name !== 'string' || !/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`bad metric name ${name}`);
    this.name = name;
    this.isTime = !!isTime;
    state.metrics.set(name, { type: this.constructor.name, count: 0, sum: 0 });
  }

  add(value, tags) {
    const m = state.metrics.get(this.name);
    m.count++;
    m.sum += Number(value);
  }
}

export class Counter extends Metric {}
export class Gauge extends Metric {}
export class Rate extends Metric {}
export class Trend extends Metric {}

export default { Counter, Gauge, Rate, Trend };
