import { describe, expect, it } from 'vitest';
import { signHs256, verifyHs256 } from '../../src/stand-in/hs256-token.js';

const secret = Buffer.from('қарағанды-цбс-тестовый-секрет-32');

describe('HS256 tokens', () => {
  it('verifies what it signs until exp', () => {
    const token = signHs256({ id: 7, iat: 1_764_000_000, exp: 1_764_003_600, jti: 'a' }, secret);
    expect(verifyHs256(token, secret, 1_764_003_599)).toEqual({ ok: true, claims: { id: 7, iat: 1_764_000_000, exp: 1_764_003_600, jti: 'a' } });
    expect(verifyHs256(token, secret, 1_764_003_600)).toEqual({ ok: false, problem: 'expired' });
  });

  it('refuses a changed payload, another secret and a token that is not three parts', () => {
    const token = signHs256({ id: 7, iat: 0, exp: 10 }, secret);
    const [h, , s] = token.split('.');
    const admin = Buffer.from(JSON.stringify({ id: 1, iat: 0, exp: 10 })).toString('base64url');
    expect(verifyHs256(`${h}.${admin}.${s}`, secret, 1)).toEqual({ ok: false, problem: 'bad-signature' });
    expect(verifyHs256(token, Buffer.from('another secret'), 1)).toEqual({ ok: false, problem: 'bad-signature' });
    expect(verifyHs256('abc.def', secret, 1)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('refuses the "none" algorithm', () => {
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"id":1,"iat":0,"exp":9999999999}').toString('base64url')}.`;
    expect(verifyHs256(none, secret, 1)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('checks signatures the way other JWT libraries make them (the jwt.io example token)', () => {
    const example = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    // The signature is right; the claims lack Web-RABIS's id and exp.
    expect(verifyHs256(example, Buffer.from('your-256-bit-secret'), 1)).toEqual({ ok: false, problem: 'malformed' });
    expect(verifyHs256(example, Buffer.from('your-256-bit-secreT'), 1)).toEqual({ ok: false, problem: 'bad-signature' });
  });
});
