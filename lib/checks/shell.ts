// Values put into copyable commands: plain words pass as they are, anything else is single-quoted.

export function shellQuote(value: string): string {
  return /^[A-Za-z0-9._/:=@+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
