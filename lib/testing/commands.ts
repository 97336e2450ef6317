// Expected commands in tests, and the lint every produced command must pass: no placeholder,
// no unquoted shell metacharacter, and every kubectl verb that changes the cluster marked.
import type { Command, Finding } from '@/lib/model/finding';

export const cmd = (text: string): Command => ({ text, destructive: false });
export const destructive = (text: string): Command => ({ text, destructive: true });

/** Written out here, not imported: the lint must not trust the list it checks. */
const CHANGES_CLUSTER =
  /^(annotate|apply|cordon|create|delete|drain|edit|label|patch|replace|scale|set|taint|uncordon|rollout (restart|undo|pause|resume))\b/;

/** The command with its single-quoted parts removed (`'…'`, and `\'` between them). */
function unquoted(text: string): string {
  return text.replace(/'[^']*'/g, "''").replace(/\\'/g, '');
}

/** What is wrong with a command, in words; empty when nothing is. */
export function commandProblems(c: Command): string[] {
  const problems: string[] = [];
  const bare = unquoted(c.text);
  if (/<[^>]*>/.test(c.text)) problems.push('has a <placeholder>');
  // Upper-case words stand for something to fill in (POD, NAMESPACE, CLASS), quoted or not.
  if (/\b[A-Z]{3,}\b/.test(c.text.replace(/\b(A|TCP|UDP|SCTP)\b/g, '')))
    problems.push('has an upper-case placeholder');
  // Outside quotes only our own words, and `|` only as a pipe between two commands.
  const outside = bare.replace(/ \| (?=\S)/g, ' ');
  const bad = outside.match(/[^A-Za-z0-9._/:=@+,%\- ']/g);
  if (bad) problems.push(`has unquoted ${[...new Set(bad)].join('')}`);
  if (/(^|\s)-[A-Za-z]*''/.test(bare)) problems.push('quotes a flag');
  const words = bare.split(/\s+/);
  words.forEach((w, i) => {
    if (w !== 'kubectl') return;
    let j = i + 1;
    while (words[j] === '--context') j += 2;
    const verb = words.slice(j, j + 2).join(' ');
    if (CHANGES_CLUSTER.test(verb) && !c.destructive)
      problems.push(`kubectl ${verb} is not marked destructive`);
  });
  return problems;
}

/** Every command of the findings with what is wrong with it (only those with problems). */
export function badCommands(findings: Finding[]): { text: string; problems: string[] }[] {
  return findings
    .flatMap((f) => f.remediation.commands)
    .map((c) => ({ text: c.text, problems: commandProblems(c) }))
    .filter((c) => c.problems.length > 0);
}
