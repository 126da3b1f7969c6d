// Stub of 'k6/encoding'.
export const b64encode = (s) => Buffer.from(s).toString('base64');
export const b64decode = (s, enc, format) => (format === 's' ? Buffer.from(s, 'base64').toString('utf8') : Buffer.from(s, 'base64'));
export default { b64encode, b64decode };
