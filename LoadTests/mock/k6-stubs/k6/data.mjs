// Stub of 'k6/data'.
export class SharedArray extends Array {
  constructor(name, fn) {
    super();
    this.push(...fn());
  }
}
export default { SharedArray };
