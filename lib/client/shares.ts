// The browser's side of sharing: freeze a diagnosis, remember its delete key on this browser
// (only the creator has it), delete it, and the URLs that embed it.
import type { AccessPath } from '@/lib/model/path';
import { STEP_IDS } from '@/lib/model/hops';

export interface ShareReceipt {
  id: string;
  url: string;
  deleteKey: string;
  expiresAt: string;
  takenAt: string;
  retaken: boolean;
}

const keyName = (id: string) => `hopscope:delete-key:${id}`;

async function errorOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  return body.error ?? `the server answered ${res.status}`;
}

export async function shareDiagnosis(ref: string | null, path: AccessPath): Promise<ShareReceipt> {
  const res = await fetch('/api/shares', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ref ? { ref, path } : { path }),
  });
  if (!res.ok) throw new Error(await errorOf(res));
  const receipt = (await res.json()) as ShareReceipt;
  rememberDeleteKey(receipt.id, receipt.deleteKey);
  return receipt;
}

/** Kept in this browser only: the server has its hash. */
export function rememberDeleteKey(id: string, deleteKey: string): void {
  try {
    localStorage.setItem(keyName(id), deleteKey);
  } catch {
    /* storage refused: the key is still shown once */
  }
}

export function storedDeleteKey(id: string): string | null {
  try {
    return localStorage.getItem(keyName(id));
  } catch {
    return null;
  }
}

export async function deleteShared(id: string, deleteKey: string): Promise<void> {
  const res = await fetch(`/api/diagnoses/${id}`, {
    method: 'DELETE',
    headers: { 'x-delete-key': deleteKey },
  });
  if (!res.ok && res.status !== 404) throw new Error(await errorOf(res));
  try {
    localStorage.removeItem(keyName(id));
  } catch {
    /* nothing kept */
  }
}

/** Where a frozen diagnosis can be embedded: an iframe per part, a badge per path and step. */
export function embedUrls(origin: string, id: string) {
  return {
    page: `${origin}/d/${id}`,
    json: `${origin}/api/diagnoses/${id}`,
    frames: [
      { part: 'summary', url: `${origin}/embed/d/${id}/summary` },
      { part: 'topology', url: `${origin}/embed/d/${id}/topology` },
      ...STEP_IDS.map((s) => ({ part: `step-${s}`, url: `${origin}/embed/d/${id}/step-${s}` })),
    ],
    badge: `${origin}/badge/d/${id}.svg`,
    shields: `${origin}/badge/d/${id}.json`,
  };
}
