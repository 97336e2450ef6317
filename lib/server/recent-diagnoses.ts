import 'server-only';
// The diagnoses this server showed in the last minutes, by an unguessable reference, so that
// "Share" freezes exactly what the SRE saw rather than a new run. Held for the caller who saw it
// only, bounded in count and age (a process restart forgets them: Share then runs again).
import { randomBytes } from 'node:crypto';
import type { Diagnosis } from '@/lib/model/diagnosis';
import type { Snapshot } from '@/lib/model/snapshot';
import { identityKey } from '@/lib/sources/kube/identity';
import type { Caller } from './auth/caller';
import { processWide } from '@/lib/sources/process-wide';

const MAX_HELD = 32;
const HELD_MS = 30 * 60 * 1000;

interface Held {
  owner: string;
  seen: { diagnosis: Diagnosis; snapshot: Snapshot };
  at: number;
}

// Process-wide: a ref remembered while rendering the page is found by the API route.
const held = processWide('recent-diagnoses', () => new Map<string, Held>());

export function remember(caller: Caller, seen: Held['seen'], now = Date.now()): string {
  const ref = randomBytes(16).toString('base64url');
  held.set(ref, { owner: identityKey(caller.identity), seen, at: now });
  while (held.size > MAX_HELD) held.delete(held.keys().next().value!);
  return ref;
}

export function recall(caller: Caller, ref: string, now = Date.now()): Held['seen'] | null {
  const h = held.get(ref);
  if (!h || now - h.at > HELD_MS) return null;
  return h.owner === identityKey(caller.identity) ? h.seen : null;
}
