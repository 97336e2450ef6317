// A frozen record on disk: brotli-compressed JSON behind a format tag, bounded both ways so a
// corrupt or hostile record cannot exhaust memory.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { FROZEN_SCHEMA, type FrozenDiagnosis } from '@/lib/model/frozen';

const TAG = Buffer.from('HSB1');
/** The largest record accepted, uncompressed (a 500-pod Service's snapshot is about 2 MB). */
export const MAX_RECORD_BYTES = 32 * 1024 * 1024;

export class RecordFormatError extends Error {}

export function encodeFrozen(record: FrozenDiagnosis): Buffer {
  const json = Buffer.from(JSON.stringify(record));
  if (json.length > MAX_RECORD_BYTES)
    throw new RecordFormatError(
      `the diagnosis is ${Math.round(json.length / 1048576)} MB, more than the ${MAX_RECORD_BYTES / 1048576} MB a frozen diagnosis may hold`,
    );
  const packed = brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
  return Buffer.concat([TAG, packed]);
}

export function decodeFrozen(body: Buffer): FrozenDiagnosis {
  if (!body.subarray(0, TAG.length).equals(TAG))
    throw new RecordFormatError('the stored record is not in a format this version reads');
  let json: Buffer;
  try {
    json = brotliDecompressSync(body.subarray(TAG.length), { maxOutputLength: MAX_RECORD_BYTES });
  } catch {
    throw new RecordFormatError('the stored record is damaged');
  }
  const record = JSON.parse(json.toString('utf8')) as FrozenDiagnosis;
  if (record.schema !== FROZEN_SCHEMA)
    throw new RecordFormatError(`the stored record has schema ${String(record.schema)}`);
  return record;
}
