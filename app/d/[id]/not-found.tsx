// A permalink that opens nothing (404): why that can be, without saying which ids exist.
import Link from 'next/link';

export default function FrozenNotFound() {
  return (
    <main>
      <h1>Hopscope</h1>
      <p role="alert">
        No frozen diagnosis has this id: it expired, its creator deleted it, or the link is
        incomplete.
      </p>
      <Link href="/">Pick a path</Link>
    </main>
  );
}
