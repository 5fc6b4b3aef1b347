/**
 * SM2 signatures (GB/T 32918.2-2016) with SM3 and the signer's Z value (GB/T 32918.2 §5.5;
 * default distinguishing ID `1234567812345678`, GM/T 0009-2012 §10), from sm-crypto-v2.
 * node:crypto is not used for SM2: OpenSSL's signature on an SM2 key through the generic API
 * does not prepend Z_A, so it is not a GB/T 32918 signature (see ../shared/DESIGN.md §7).
 *
 * Signatures are DER-encoded `SEQUENCE { r INTEGER, s INTEGER }` (GM/T 0009-2012 §7.3), as hex;
 * public keys are uncompressed `04 ‖ x ‖ y`, 130 hex characters.
 */
import { sm2 } from 'sm-crypto-v2';

/** The default user ID of GM/T 0009-2012, used when none is agreed. */
export const SM2_DEFAULT_ID = '1234567812345678';

/** The order n of the recommended curve (GB/T 32918.5-2017). */
const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');

export interface Sm2KeyPair {
  privateKey: string;
  publicKey: string;
}

/** A private key is 64 hex digits with 1 ≤ d ≤ n − 2 (GB/T 32918.1 §6.1). */
export function isSm2PrivateKey(hex: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  const d = BigInt(`0x${hex}`);
  return d >= 1n && d <= N - 2n;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  for (;;) {
    const k = sm2.generateKeyPairHex();
    const privateKey = k.privateKey.padStart(64, '0').toLowerCase();
    if (isSm2PrivateKey(privateKey)) return { privateKey, publicKey: sm2PublicKeyOf(privateKey) };
  }
}

export function sm2PublicKeyOf(privateKey: string): string {
  if (!isSm2PrivateKey(privateKey)) throw new Error('SM2 私钥应为64位十六进制数，且在 [1, n−2] 范围内');
  return sm2.getPublicKeyFromPrivateKey(privateKey.toLowerCase()).toLowerCase();
}

export interface Sm2SignOptions {
  userId?: string;
  /**
   * The per-signature random k, as hex. ONLY for known-answer tests: a nonce used twice reveals
   * the private key. Production code never passes it.
   */
  testNonce?: string;
}

/** SM2 signature of `message` (Z_A ‖ M hashed with SM3), DER hex. */
export function sm2Sign(privateKey: string, message: Uint8Array, opts: Sm2SignOptions = {}): string {
  const publicKey = sm2PublicKeyOf(privateKey);
  let pointPool: { k: bigint; x1: bigint }[] | undefined;
  if (opts.testNonce) {
    const kG = sm2.getPublicKeyFromPrivateKey(opts.testNonce.toLowerCase());
    pointPool = [{ k: BigInt(`0x${opts.testNonce}`), x1: BigInt(`0x${kG.slice(2, 66)}`) }];
  }
  return sm2.doSignature(message, privateKey.toLowerCase(), {
    hash: true,
    der: true,
    publicKey,
    userId: opts.userId ?? SM2_DEFAULT_ID,
    ...(pointPool ? { pointPool } : {}),
  });
}

/** Whether `signature` (DER hex) is a valid SM2 signature of `message` under `publicKey`. Never throws. */
export function sm2Verify(publicKey: string, message: Uint8Array, signature: string, userId = SM2_DEFAULT_ID): boolean {
  if (!/^[0-9a-fA-F]+$/.test(signature) || !/^(04[0-9a-fA-F]{128}|0[23][0-9a-fA-F]{64})$/.test(publicKey)) return false;
  try {
    return sm2.doVerifySignature(message, signature.toLowerCase(), publicKey.toLowerCase(), {
      hash: true,
      der: true,
      userId,
    });
  } catch {
    return false;
  }
}

/** `r ‖ s` (each 32 bytes, hex) of a DER signature: for comparing with published test vectors. */
export function sm2SignatureRs(derHex: string): { r: string; s: string } {
  const b = Buffer.from(derHex, 'hex');
  let i = 0;
  const take = (tag: number) => {
    if (b[i++] !== tag) throw new Error('签名不是 DER 编码');
    const len = b[i++]!;
    const v = b.subarray(i, i + len);
    i += len;
    return v;
  };
  const seq = take(0x30);
  if (seq.length + 2 !== b.length) throw new Error('签名不是 DER 编码');
  i = 2;
  const hex = (v: Buffer) =>
    BigInt(`0x${v.toString('hex') || '0'}`)
      .toString(16)
      .padStart(64, '0');
  const r = take(0x02);
  const s = take(0x02);
  return { r: hex(r), s: hex(s) };
}

/**
 * What a published report's signature covers: the 32 bytes of the PDF's SM3 digest (so that a
 * signature can be checked from the digest alone, without the file).
 */
export function signDigest(privateKey: string, sm3Hex: string): string {
  return sm2Sign(privateKey, Buffer.from(sm3Hex, 'hex'));
}

export function verifyDigest(publicKey: string, sm3Hex: string, signature: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(sm3Hex)) return false;
  return sm2Verify(publicKey, Buffer.from(sm3Hex, 'hex'), signature);
}
