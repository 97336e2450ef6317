// The picker's type-ahead, from the browser: Services and Ingresses matching what was typed.
import type { Target } from '@/lib/model/target';

export async function fetchTargets(
  cluster: string,
  q: string,
  signal: AbortSignal,
): Promise<Target[]> {
  const res = await fetch(`/api/targets?${new URLSearchParams({ cluster, q })}`, { signal });
  const body = (await res.json()) as { targets?: Target[]; error?: string };
  if (!res.ok) throw new Error(body.error ?? `the server answered ${res.status}`);
  return body.targets ?? [];
}
