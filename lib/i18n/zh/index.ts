// Chinese (简体中文): every part's translations merged into one dictionary keyed by the English
// template, and the catalogue's entries by code (typed, so a new code without Chinese fails tsc).
import type { CodeEntry, FindingCode } from '@/lib/model/catalogue';
import { ZH_CATALOGUE_ENTRIES } from './catalogue';
import { ZH_DIAGNOSIS } from './diagnosis';
import { ZH_FINDINGS_1_3 } from './findings-1-3';
import { ZH_FINDINGS_4_6 } from './findings-4-6';
import { ZH_METRICS } from './metrics';
import { ZH_UI } from './ui';

/** The parts, one per area of the source: a key belongs to one of them only. */
export const ZH_PARTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ui: ZH_UI,
  'findings-1-3': ZH_FINDINGS_1_3,
  'findings-4-6': ZH_FINDINGS_4_6,
  diagnosis: ZH_DIAGNOSIS,
  metrics: ZH_METRICS,
};

export const ZH: Readonly<Record<string, string>> = Object.assign({}, ...Object.values(ZH_PARTS));

export const ZH_CATALOGUE: Record<
  FindingCode,
  Pick<CodeEntry, 'meaning' | 'why' | 'fix'>
> = ZH_CATALOGUE_ENTRIES;
