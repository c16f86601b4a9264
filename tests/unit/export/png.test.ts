import { describe, expect, it } from 'vitest';
import { crc32, pngSize, withDensity } from '$lib/charts/export/png';

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** A PNG's chunks as [type, data], checking each CRC on the way. */
function chunks(png: Uint8Array): [string, Uint8Array][] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: [string, Uint8Array][] = [];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const body = png.subarray(at + 4, at + 8 + length);
    expect(view.getUint32(at + 8 + length), 'CRC').toBe(crc32(body));
    out.push([String.fromCharCode(...body.subarray(0, 4)), body.subarray(4)]);
    at += 12 + length;
  }
  return out;
}

function chunk(type: string, data: number[]): number[] {
  const body = new Uint8Array([...ascii(type), ...data]);
  const crc = crc32(body);
  return [0, 0, 0, data.length, ...body, crc >>> 24, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255];
}

// 1210 × 756 (a Word-width chart at 2×), 8-bit RGBA; the image data does not matter here.
const header = [0, 0, 0x04, 0xba, 0, 0, 0x02, 0xf4, 8, 6, 0, 0, 0];
const png = new Uint8Array([0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', header), ...chunk('IEND', [])]);

describe('PNG density', () => {
  it('computes CRC-32 as PNG does', () => {
    expect(crc32(new Uint8Array(ascii('IEND')))).toBe(0xae426082);
  });

  it('writes the density after the header, so Word inserts a 2× image at its real size', () => {
    const out = withDensity(png, 192);
    expect(pngSize(out)).toEqual({ width: 1210, height: 756 });
    const list = chunks(out);
    expect(list.map(([type]) => type)).toEqual(['IHDR', 'pHYs', 'IEND']);
    const phys = new DataView(list[1]![1].buffer, list[1]![1].byteOffset, 9);
    expect(phys.getUint32(0)).toBe(7559); // 192 dpi in pixels per metre
    expect(phys.getUint32(4)).toBe(7559);
    expect(phys.getUint8(8)).toBe(1);
    // 1210 px at 192 dpi is 16 cm.
    expect((1210 / (7559 * 0.01)).toFixed(1)).toBe('16.0');
  });
});
