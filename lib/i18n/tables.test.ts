// The tables of words the components translate by value — t(HOP_LABELS[kind]), t(look.word), … —
// are not seen by the source scan (it reads t('literal') only): each value must have its Chinese.
import { describe, expect, it } from 'vitest';
import { AXIS_UNIT } from '@/components/chart-svg';
import { TIER_WORDS } from '@/components/trace-table';
import { VERDICT_LOOK } from '@/components/verdict';
import { HOP_LABELS, STEP_NAMES } from '@/lib/model/hops';
import { ZH } from '@/lib/i18n/zh';

const TABLES: Record<string, string[]> = {
  HOP_LABELS: Object.values(HOP_LABELS),
  STEP_NAMES: Object.values(STEP_NAMES),
  'VERDICT_LOOK words': Object.values(VERDICT_LOOK).map((look) => look.word),
  AXIS_UNIT: Object.values(AXIS_UNIT),
  TIER_WORDS: Object.values(TIER_WORDS),
  // A hop's label is a route's kind where the route names the hop (lib/checks/topology.ts).
  'route kinds': ['HTTPRoute', 'GRPCRoute'],
};

describe('tables of words shown translated', () => {
  for (const [name, values] of Object.entries(TABLES))
    it(`has Chinese for every value of ${name}`, () => {
      expect(values.filter((v) => ZH[v] === undefined)).toEqual([]);
    });
});
