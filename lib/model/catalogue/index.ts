// The catalogue of finding codes: one table per step, merged here into the one catalogue that
// types the checks' codes and documents them (/catalogue). A code is stable once released.
import type { CodeEntry } from './code-entry';
import { SOURCE_CODES } from './sources';
import { STEP_1_CODES } from './step-1-health';
import { STEP_2_CODES } from './step-2-golden';
import { STEP_3_CODES } from './step-3-dns';
import { STEP_4_CODES } from './step-4-service';
import { STEP_5_CODES } from './step-5-ingress';
import { STEP_5_GATEWAY_CODES } from './step-5-gateway';
import { STEP_6_CODES } from './step-6-trace';

export type { CodeEntry } from './code-entry';

export const CATALOGUE = {
  ...STEP_1_CODES,
  ...STEP_2_CODES,
  ...STEP_3_CODES,
  ...STEP_4_CODES,
  ...STEP_5_CODES,
  ...STEP_5_GATEWAY_CODES,
  ...STEP_6_CODES,
  ...SOURCE_CODES,
} as const satisfies Record<string, CodeEntry>;

export type FindingCode = keyof typeof CATALOGUE;

export function isFindingCode(value: string): value is FindingCode {
  return Object.hasOwn(CATALOGUE, value);
}
