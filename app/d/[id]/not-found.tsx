// A permalink that opens nothing (404): why that can be, without saying which ids exist.
import Link from 'next/link';
import { requestTranslator } from '@/lib/server/locale';

export default async function FrozenNotFound() {
  const t = await requestTranslator();
  return (
    <main>
      <h1>{'Hopscope'}</h1>
      <p role="alert">
        {t(
          'No frozen diagnosis has this id: it expired, its creator deleted it, or the link is incomplete.',
        )}
      </p>
      <Link href="/">{t('Pick a path')}</Link>
    </main>
  );
}
