// SHA-256 (FIPS 180-4) that takes its input in pieces, so a file can be hashed slice by slice without ever
// being held in memory whole (WebCrypto's digest() only takes the whole input at once).

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

export class Sha256 {
  constructor() {
    this.h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    this.w = new Uint32Array(64);
    this.block = new Uint8Array(64);
    this.blockLength = 0;
    this.bytes = 0;
    this.done = false;
  }

  /** Adds bytes (a Uint8Array or ArrayBuffer); returns this. */
  update(data) {
    if (this.done) throw new Error('digest() was already called');
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    this.bytes += bytes.length;
    let offset = 0;
    if (this.blockLength > 0) {
      const take = Math.min(64 - this.blockLength, bytes.length);
      this.block.set(bytes.subarray(0, take), this.blockLength);
      this.blockLength += take;
      offset = take;
      if (this.blockLength < 64) return this;
      this.compress(this.block, 0);
      this.blockLength = 0;
    }
    for (; offset + 64 <= bytes.length; offset += 64) this.compress(bytes, offset);
    if (offset < bytes.length) {
      this.block.set(bytes.subarray(offset), 0);
      this.blockLength = bytes.length - offset;
    }
    return this;
  }

  /** The digest as 64 lower-case hex characters. */
  digestHex() {
    if (!this.done) {
      const bitsHigh = Math.floor(this.bytes / 0x20000000);
      const bitsLow = (this.bytes * 8) >>> 0;
      const padding = new Uint8Array(((this.blockLength < 56 ? 56 : 120) - this.blockLength) + 8);
      padding[0] = 0x80;
      const view = new DataView(padding.buffer);
      view.setUint32(padding.length - 8, bitsHigh);
      view.setUint32(padding.length - 4, bitsLow);
      const total = this.bytes;
      this.update(padding);
      this.bytes = total;
      this.done = true;
    }
    return Array.from(this.h, (x) => x.toString(16).padStart(8, '0')).join('');
  }

  compress(bytes, offset) {
    const w = this.w;
    for (let i = 0; i < 16; i++) {
      const j = offset + i * 4;
      w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15];
      const b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    const hh = this.h;
    let a = hh[0]; let b = hh[1]; let c = hh[2]; let d = hh[3];
    let e = hh[4]; let f = hh[5]; let g = hh[6]; let h = hh[7];
    for (let i = 0; i < 64; i++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + s1 + ch + K[i] + w[i]) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (s0 + maj) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0;
      d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    hh[0] += a; hh[1] += b; hh[2] += c; hh[3] += d;
    hh[4] += e; hh[5] += f; hh[6] += g; hh[7] += h;
  }
}

export const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Hashes a Blob/File slice by slice (one chunk in memory at a time); onProgress(bytesDone, total) after each.
 * Returns the hex digest. signal (an AbortSignal) stops it.
 */
export async function sha256OfBlob(blob, onProgress = () => {}, signal = null, chunkBytes = CHUNK_BYTES) {
  const hash = new Sha256();
  for (let offset = 0; offset < blob.size; offset += chunkBytes) {
    if (signal && signal.aborted) throw new DOMException('Hashing cancelled', 'AbortError');
    const chunk = await blob.slice(offset, Math.min(offset + chunkBytes, blob.size)).arrayBuffer();
    hash.update(new Uint8Array(chunk));
    onProgress(Math.min(offset + chunkBytes, blob.size), blob.size);
  }
  onProgress(blob.size, blob.size);
  return hash.digestHex();
}
