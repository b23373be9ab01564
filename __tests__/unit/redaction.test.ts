/** Secrets are masked in every spelling a server may echo them in. */
import { redact, secretsOf } from '../../lib/errors/redaction.js';

const SECRET = 'adv/Secret+Key=42 é';
const secrets = secretsOf({ secret_key: SECRET, session_token: '  Token/With+Stuff==  ' });
const encoded = encodeURIComponent(SECRET);

it.each([
  ['as typed', SECRET],
  ['URL-encoded', encoded],
  ['URL-encoded with lower-case hex', encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())],
  ['URL-encoded twice', encodeURIComponent(encoded)],
  ['with JSON-escaped slashes', JSON.stringify(SECRET).slice(1, -1).replace(/\//g, '\\/')],
  ['form-encoded (spaces as +)', new URLSearchParams({ s: SECRET }).toString().slice(2)],
  ['in base64', Buffer.from(SECRET).toString('base64')],
  ['in hex, upper case', Buffer.from(SECRET).toString('hex').toUpperCase()],
  ['cut off after 14 characters', SECRET.slice(0, 14)],
  ['the session token, trimmed', 'Token/With+Stuff=='],
])('masks a secret echoed %s', (_name, echo) => {
  const text = `The server said: <Message>bad input ${echo} here</Message>`;
  const masked = redact(text, secrets);
  expect(masked).toContain('[redacted]');
  expect(masked).not.toContain(echo);
  expect(masked).toMatch(/^The server said: <Message>bad input .*here<\/Message>$/);
});

it('masks inside nested objects and arrays, and leaves other text alone', () => {
  const value = { code: 'X', details: [{ echoed: `k=${encoded}` }], note: 'nothing secret: Key=41' };
  expect(redact(value, secrets)).toEqual({
    code: 'X',
    details: [{ echoed: 'k=[redacted]' }],
    note: 'nothing secret: Key=41',
  });
});

it('ignores secrets too short to mask safely and non-text options', () => {
  expect(secretsOf({ secret_key: 'ab', session_token: 42 })).toEqual([]);
  expect(secretsOf(null)).toEqual([]);
});
