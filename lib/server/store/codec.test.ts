import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FROZEN_SCHEMA, type FrozenDiagnosis } from '@/lib/model/frozen';
import { decodeFrozen, encodeFrozen, RecordFormatError } from './codec';

const record = {
  schema: FROZEN_SCHEMA,
  id: 'A'.repeat(22),
  note: 'x'.repeat(50_000),
} as unknown as FrozenDiagnosis;

describe('frozen record codec', () => {
  it('round-trips and compresses', () => {
    const packed = encodeFrozen(record);
    expect(packed.length).toBeLessThan(2_000);
    expect(decodeFrozen(packed)).toEqual(record);
  });

  it('refuses foreign, damaged and oversized bytes with a plain error', () => {
    expect(() => decodeFrozen(Buffer.from('{"schema":1}'))).toThrow(RecordFormatError);
    const damaged = encodeFrozen(record);
    damaged.fill(0, 10, 40);
    expect(() => decodeFrozen(damaged)).toThrow(RecordFormatError);
    const bomb = Buffer.concat([
      Buffer.from('HSB1'),
      brotliCompressSync(Buffer.alloc(40 * 1024 * 1024, 32)),
    ]);
    expect(() => decodeFrozen(bomb)).toThrow(/damaged/);
  });
});
