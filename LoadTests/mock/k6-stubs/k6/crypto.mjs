// Stub of 'k6/crypto' (only what scripts might use).
import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto';
export const sha256 = (input, enc = 'hex') => createHash('sha256').update(input).digest(enc);
export const randomBytes = (n) => nodeRandomBytes(n).buffer;
export default { sha256, randomBytes };
