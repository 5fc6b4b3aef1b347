import { describe, expect, it } from 'vitest';
import { sm2 } from 'sm-crypto-v2';
import { sm3Hex } from './sm.js';
import {
  SM2_DEFAULT_ID,
  generateSm2KeyPair,
  isSm2PrivateKey,
  signDigest,
  sm2PublicKeyOf,
  sm2Sign,
  sm2SignatureRs,
  sm2Verify,
  verifyDigest,
} from './sm2.js';

// GB/T 32918.5-2017 (GM/T 0003.5-2012) annex: the signature example on the recommended curve.
const V = {
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  x: '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020',
  y: 'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  za: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  message: 'message digest',
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};

describe('SM2 (GB/T 32918) known answers', () => {
  it('derives the standard public key and Z_A', () => {
    expect(sm2PublicKeyOf(V.d)).toBe(`04${V.x}${V.y}`);
    expect(Buffer.from(sm2.getZ(`04${V.x}${V.y}`, SM2_DEFAULT_ID)).toString('hex')).toBe(V.za);
  });

  it('signs the standard message with the standard k to the standard (r, s), and verifies it', () => {
    const msg = Buffer.from(V.message, 'utf8');
    const sig = sm2Sign(V.d, msg, { testNonce: V.k });
    expect(sm2SignatureRs(sig)).toEqual({ r: V.r, s: V.s });
    expect(sm2Verify(`04${V.x}${V.y}`, msg, sig)).toBe(true);
  });

  it('refuses a changed message, another ID, another key and a damaged signature', () => {
    const pub = `04${V.x}${V.y}`;
    const msg = Buffer.from(V.message, 'utf8');
    const sig = sm2Sign(V.d, msg);
    expect(sm2Verify(pub, msg, sig)).toBe(true);
    expect(sm2Verify(pub, Buffer.from('message digesT'), sig)).toBe(false);
    expect(sm2Verify(pub, msg, sig, 'ALICE123@YAHOO.COM')).toBe(false);
    expect(sm2Verify(generateSm2KeyPair().publicKey, msg, sig)).toBe(false);
    const flipped = sig.slice(0, -2) + (sig.endsWith('00') ? '01' : '00');
    expect(sm2Verify(pub, msg, flipped)).toBe(false);
    expect(sm2Verify(pub, msg, 'not hex')).toBe(false);
    expect(sm2Verify('04abc', msg, sig)).toBe(false);
  });
});

describe('SM2 keys and digest signatures', () => {
  it('validates private keys by range', () => {
    expect(isSm2PrivateKey(V.d)).toBe(true);
    expect(isSm2PrivateKey('0'.repeat(64))).toBe(false);
    expect(isSm2PrivateKey('f'.repeat(64))).toBe(false);
    expect(isSm2PrivateKey('12')).toBe(false);
    expect(() => sm2PublicKeyOf('xyz')).toThrow(/SM2 私钥/);
  });

  it('a fresh key pair signs a PDF digest; any other digest is refused', () => {
    const k = generateSm2KeyPair();
    expect(k.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    const digest = sm3Hex(Buffer.from('%PDF-1.7 example'));
    const sig = signDigest(k.privateKey, digest);
    expect(verifyDigest(k.publicKey, digest, sig)).toBe(true);
    expect(verifyDigest(k.publicKey, sm3Hex(Buffer.from('%PDF-1.7 exampl3')), sig)).toBe(false);
    expect(verifyDigest(k.publicKey, 'zz', sig)).toBe(false);
  });
});
