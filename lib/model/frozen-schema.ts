// The published schema of a frozen diagnosis (served at /api/diagnoses/schema.json): checked on
// every record read from outside (a bundle), so a malformed one is refused with the field at
// fault. The diagnosis' own parts are checked as far as the UI relies on them; the snapshot by
// its schema tag (the checks read it defensively).
import { z } from 'zod';
import { MAX_MESSAGE_DEPTH, type Message } from '@/lib/i18n/message';
import { HOP_KINDS, STEP_IDS } from './hops';
import { accessPathSchema } from './path';
import { FROZEN_ID, FROZEN_SCHEMA } from './frozen';
import { SNAPSHOT_SCHEMA } from './snapshot';
import { VERDICTS } from './verdict';

const verdict = z.enum(VERDICTS);
const hopKind = z.enum(HOP_KINDS);
const stepId = z.union(STEP_IDS.map((id) => z.literal(id)));
const isoTime = z.iso.datetime({ offset: true });

/**
 * A message (lib/i18n/message): template and values, a few levels deep, and small in all — each
 * value counts once however often the template names it, so what it renders stays small too.
 */
function isBoundedMessage(value: unknown): value is Message {
  let budget = 8000;
  const ok = (v: unknown, depth: number): boolean => {
    if (depth > MAX_MESSAGE_DEPTH || typeof v !== 'object' || v === null) return false;
    const { key, args } = v as { key?: unknown; args?: unknown };
    if (typeof key !== 'string' || !Array.isArray(args) || args.length > 32) return false;
    const used = [...key.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1]));
    if (used.some((n) => n >= args.length) || new Set(used).size !== used.length) return false;
    budget -= key.length + 1;
    return (
      budget >= 0 &&
      args.every((a) =>
        typeof a === 'string'
          ? (budget -= a.length) >= 0
          : typeof a === 'number' || ok(a, depth + 1),
      )
    );
  };
  return ok(value, 0);
}
const message = z.custom<Message>((v) => isBoundedMessage(v), 'a message: { key, args }');

const finding = z.looseObject({
  code: z.string(),
  step: stepId,
  hop: hopKind,
  member: z.string().optional(),
  severity: z.enum(['fail', 'warn', 'unknown', 'info']),
  title: z.string(),
  evidence: z.array(
    z.looseObject({
      kind: z.enum(['object', 'source', 'query', 'note']),
      message: message.optional(),
      summaryMessage: message.optional(),
    }),
  ),
  subjects: z.array(z.string()).optional(),
  messages: z.object({ title: message, remedy: message.optional() }).optional(),
  remediation: z.looseObject({
    text: z.string(),
    commands: z.array(z.object({ text: z.string(), destructive: z.boolean() })),
  }),
});

const chart = z.looseObject({
  id: z.string(),
  title: z.string(),
  titleMessage: message.optional(),
  threshold: z
    .looseObject({ value: z.number(), label: z.string(), labelMessage: message.optional() })
    .optional(),
  unit: z.string(),
  promql: z.string(),
  start: z.number(),
  end: z.number(),
  series: z.array(
    z.object({ name: z.string(), points: z.array(z.object({ t: z.number(), v: z.number() })) }),
  ),
});

export const diagnosisSchema = z.looseObject({
  path: accessPathSchema,
  cluster: z.string(),
  takenAt: isoTime,
  hops: z.array(
    z.looseObject({
      kind: hopKind,
      label: z.string(),
      detail: z.string(),
      verdict,
      reason: z.string().optional(),
      messages: z.object({ detail: message.optional(), reason: message.optional() }).optional(),
      members: z.array(z.object({ id: z.string(), verdict, carriesTraffic: z.boolean() })),
      counts: z.record(z.string(), z.number()),
    }),
  ),
  steps: z.array(
    z.looseObject({
      id: stepId,
      name: z.string(),
      verdict,
      reason: z.string().optional(),
      reasonMessage: message.optional(),
      findings: z.array(finding),
      charts: z.array(chart),
      trace: z
        .looseObject({
          sampledMessage: message.optional(),
          rows: z.array(z.looseObject({ outcomesMessage: message.optional() })),
        })
        .optional(),
      waterfall: z
        .looseObject({
          basisMessage: message.optional(),
          rows: z.array(z.looseObject({ labelMessage: message.optional() })),
        })
        .optional(),
    }),
  ),
  findings: z.array(finding),
  changes: z.array(z.looseObject({ message: message.optional() })).optional(),
  summary: z.object({
    verdict,
    hop: hopKind.nullable(),
    sentence: z.string(),
    message: message.optional(),
  }),
  meta: z.looseObject({ sourceWarnings: z.array(z.string()), metricsPending: z.boolean() }),
});

export const frozenDiagnosisSchema = z.object({
  schema: z.literal(FROZEN_SCHEMA),
  id: z.string().regex(FROZEN_ID),
  path: accessPathSchema,
  window: z.object({ from: isoTime, to: isoTime }),
  takenAt: isoTime,
  frozenAt: isoTime,
  expiresAt: isoTime,
  by: z.string().optional(),
  productVersion: z.string(),
  diagnosis: diagnosisSchema,
  snapshot: z.looseObject({ schema: z.literal(SNAPSHOT_SCHEMA), path: accessPathSchema }),
});

/** The JSON Schema (draft 2020-12) of a frozen diagnosis, as published. */
export function frozenJsonSchema(): object {
  return {
    $id: `https://hopscope.dev/schemas/${FROZEN_SCHEMA}.json`,
    title: 'Hopscope frozen diagnosis',
    ...z.toJSONSchema(frozenDiagnosisSchema, { io: 'input', unrepresentable: 'any' }),
  };
}
