// GET /embed/d/<id>/<part> — one part of a frozen diagnosis for an iframe (summary, topology,
// step-1 … step-6). Framed only by HOPSCOPE_EMBED_ORIGINS (proxy.ts); needs no cookie: the id is
// the credential. `?theme=dark|light` picks the theme.
import { notFound } from 'next/navigation';
import { EmbedPartView, parseEmbedPart } from '@/components/embed-part';
import { RequestError } from '@/lib/server/errors';
import { readFrozen } from '@/lib/server/frozen-diagnoses';
import { translator } from '@/lib/i18n/translate';
import { requestLocale } from '@/lib/server/locale';

export const dynamic = 'force-dynamic';

export default async function FrozenEmbed({
  params,
}: {
  params: Promise<{ id: string; part: string }>;
}) {
  const { id, part: partText } = await params;
  const part = parseEmbedPart(partText);
  if (!part) notFound();
  let frozen;
  try {
    frozen = await readFrozen(id);
  } catch (error) {
    if (error instanceof RequestError && error.kind === 'not-found') notFound();
    throw error;
  }
  const locale = await requestLocale();
  const t = translator(locale);
  return (
    <EmbedPartView
      d={frozen.diagnosis}
      part={part}
      fullHref={`/d/${frozen.id}`}
      stamp={t('frozen {0} {1} UTC', frozen.takenAt.slice(0, 10), frozen.takenAt.slice(11, 16))}
      locale={locale}
    />
  );
}
