import { createHash } from 'node:crypto';
import { sha256 } from './sha256';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('sha256', () => {
  it('gives the published digests of the standard test vectors', () => {
    expect(sha256(encode(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256(encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('agrees with node:crypto across block boundaries and multi-byte text', () => {
    for (const length of [55, 56, 63, 64, 65, 1000]) {
      const text = '客户档案x'.repeat(length).slice(0, length);
      expect(sha256(encode(text))).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });
});
