// A translated sentence with elements inside it (a link, a <time>, a <kbd>): the sentence is
// translated whole with its placeholders left open — t('Taken {0} by {1}') — and each {n} is then
// replaced by the n-th node, so the words around an element follow the reader's language.
import { Fragment, type ReactNode } from 'react';

export function rich(template: string, ...nodes: ReactNode[]): ReactNode[] {
  return template.split(/(\{\d+\})/).map((part, i) => {
    const n = /^\{(\d+)\}$/.exec(part)?.[1];
    return <Fragment key={i}>{n === undefined ? part : nodes[Number(n)]}</Fragment>;
  });
}
