/**
 * The widgets' QR encoder (components/core/qr-encode.ts) against qrcode-generator, a widely used
 * encoder, as the oracle: for the same text at level M, the same version, and module for module
 * the same symbol under the mask qrcode-generator chose. Short (version 1), medium, long texts
 * with version information (≥ 7) and 16-bit lengths (≥ 10) are covered.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import qrcode from 'qrcode-generator';
import { encodeQr, type QrMatrix } from '../../components/core/qr-encode.ts';

const TEXTS = [
  'A7K2QX',
  'https://x.example/',
  'http://127.0.0.1:45181/demo/index.html#linli-notice=3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a1c01',
  'https://linli.example/notices/' + 'n'.repeat(150),
  'x'.repeat(300),
  'https://linli.example/notices/' + 'abc'.repeat(200),
];

function same(m: QrMatrix, ref: { getModuleCount(): number; isDark(r: number, c: number): boolean }): boolean {
  const n = ref.getModuleCount();
  if (m.size !== n) return false;
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (m.dark(r, c) !== ref.isDark(r, c)) return false;
  return true;
}

describe('QR encoder', () => {
  for (const text of TEXTS) {
    it(`encodes ${text.length} characters exactly as qrcode-generator does`, () => {
      const ref = qrcode(0, 'M');
      ref.addData(text, 'Byte');
      ref.make();
      assert.equal(encodeQr(text).size, ref.getModuleCount());
      const matching = [0, 1, 2, 3, 4, 5, 6, 7].filter((mask) => same(encodeQr(text, mask), ref));
      assert.equal(matching.length, 1, `masks matching: ${matching.join(',')}`);
    });
  }

  it('a changed module is noticed (so the comparison can fail)', () => {
    const ref = qrcode(0, 'M');
    ref.addData('A7K2QX', 'Byte');
    ref.make();
    const good = [0, 1, 2, 3, 4, 5, 6, 7].map((m) => encodeQr('A7K2QX', m)).find((m) => same(m, ref))!;
    const flipped: QrMatrix = { size: good.size, dark: (r, c) => (r === 10 && c === 10 ? !good.dark(r, c) : good.dark(r, c)) };
    assert.equal(same(flipped, ref), false);
  });

  it('refuses text longer than version 40 holds', () => {
    assert.throws(() => encodeQr('x'.repeat(2400)), RangeError);
  });
});
