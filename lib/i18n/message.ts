// Words the reader sees, kept as messages rather than finished English so that the page can show
// them in the reader's language: a message is its English template (which is also its key, so the
// source reads as English) and the values put into it. Checks build them with the `msg` tag:
//   msg`Service ${ns}/${name} has no port ${port}`  →  key 'Service {0}/{1} has no port {2}'
// A value may itself be a message (a phrase chosen by a condition), translated in its turn.

export type MessageArg = string | number | Message;

export interface Message {
  key: string;
  args: MessageArg[];
  /** Said without the period(s) it ends with: a title placed inside a sentence. */
  bare?: true;
}

/** How deep messages nest at most: the answer sentence holds a title holding phrases (about 7). */
export const MAX_MESSAGE_DEPTH = 12;

export function msg(strings: TemplateStringsArray, ...args: MessageArg[]): Message {
  let key = strings[0] ?? '';
  for (let i = 0; i < args.length; i++) key += `{${i}}${strings[i + 1] ?? ''}`;
  return { key, args };
}

/** The message without its final period, in any language (a title inside a sentence). */
export function bare(m: Message): Message {
  return { key: '{0}', args: [m], bare: true };
}

/** What `bare` takes off the end: English and Chinese full stops. */
export function withoutFinalPeriod(text: string): string {
  return text.replace(/[.。]+$/, '');
}

/** A message of fixed words (a phrase picked at run time from a closed set). */
export function words(text: string): Message {
  return { key: text, args: [] };
}

/** Messages one after another with a separator that is itself a message (', ' or '; '). */
export function joinMessages(parts: Message[], separator = ', '): Message {
  if (parts.length === 0) return words('');
  const key = parts.map((_, i) => `{${i}}`).join(separator);
  return { key, args: parts };
}

export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Message).key === 'string' &&
    Array.isArray((value as Message).args)
  );
}

/** Fills a template: `{n}` takes the n-th value; a value that is a message is rendered first. */
export function fill(
  template: string,
  args: readonly MessageArg[],
  render: (m: Message) => string,
): string {
  return template.replace(/\{(\d+)\}/g, (whole, n: string) => {
    const arg = args[Number(n)];
    if (arg === undefined) return whole;
    return typeof arg === 'object' ? render(arg) : String(arg);
  });
}

/** The message in English: its own template filled. */
export function english(m: Message): string {
  const text = fill(m.key, m.args, english);
  return m.bare ? withoutFinalPeriod(text) : text;
}
