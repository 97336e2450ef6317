// Copyable commands: literal parts are written by us, every interpolated value is shell-quoted,
// and a kubectl verb that changes the cluster marks the command as destructive.
import type { Command } from '@/lib/model/finding';
import { shellQuote } from './shell';

/** kubectl verbs (and `rollout` sub-verbs) whose command changes the cluster. */
const DESTRUCTIVE_VERBS: ReadonlySet<string> = new Set([
  'annotate',
  'apply',
  'cordon',
  'create',
  'delete',
  'drain',
  'edit',
  'label',
  'patch',
  'replace',
  'scale',
  'set',
  'taint',
  'uncordon',
]);
const DESTRUCTIVE_ROLLOUTS: ReadonlySet<string> = new Set(['restart', 'undo', 'pause', 'resume']);

/** The words of a command line outside single quotes, each with where it starts. */
export function unquotedWords(text: string): { word: string; at: number }[] {
  const words: { word: string; at: number }[] = [];
  let quoted = false;
  let current = '';
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (!quoted && c === '\\') {
      // `\'` (how shellQuote writes a quote inside a quoted value) is one literal character.
      current += text.slice(i, i + 2);
      i += 1;
      continue;
    }
    if (c === "'") quoted = !quoted;
    const boundary = c === undefined || (!quoted && c === ' ');
    if (boundary) {
      if (current) words.push({ word: current, at: start });
      current = '';
      start = i + 1;
    } else current += c;
  }
  return words;
}

/** The verb of each kubectl invocation in a command line (`rollout restart` as two words). */
export function kubectlVerbs(text: string): string[] {
  const words = unquotedWords(text).map((w) => w.word);
  const verbs: string[] = [];
  words.forEach((w, i) => {
    if (w !== 'kubectl') return;
    let j = i + 1;
    while (words[j] === '--context') j += 2;
    const verb = words[j] ?? '';
    verbs.push(verb === 'rollout' ? `rollout ${words[j + 1] ?? ''}` : verb);
  });
  return verbs;
}

export function isDestructiveVerb(verb: string): boolean {
  const [first, second] = verb.split(' ');
  return first === 'rollout'
    ? DESTRUCTIVE_ROLLOUTS.has(second ?? '')
    : DESTRUCTIVE_VERBS.has(first ?? '');
}

/**
 * A command from a template: `` sh`kubectl logs -n ${ns} ${pod} --tail=50` ``. Interpolated
 * values are always quoted (they come from the cluster or from metric labels); the literal
 * parts are ours.
 */
export function sh(strings: TemplateStringsArray, ...values: (string | number)[]): Command {
  const text = strings.reduce(
    (out, part, i) => out + part + (i < values.length ? shellQuote(String(values[i])) : ''),
    '',
  );
  return { text, destructive: kubectlVerbs(text).some(isDestructiveVerb) };
}

/** The command with `--context` after every kubectl it runs (none when `context` is undefined). */
export function inContext(command: Command, context: string | undefined): Command {
  if (context === undefined) return command;
  let text = command.text;
  const at = unquotedWords(text)
    .filter((w) => w.word === 'kubectl')
    .map((w) => w.at + 'kubectl'.length)
    .reverse();
  for (const i of at) text = `${text.slice(0, i)} --context ${shellQuote(context)}${text.slice(i)}`;
  return { ...command, text };
}
