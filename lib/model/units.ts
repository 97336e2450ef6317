// The units of every metric value, and how an SRE reads each: the one definition the queries,
// the snapshot, the charts and the checks' titles share.
export const UNITS = ['ratio', 'seconds', 'reqps', 'count', 'bytes', 'timestamp'] as const;
export type Unit = (typeof UNITS)[number];

export function formatValue(v: number, unit: Unit): string {
  if (!Number.isFinite(v)) return 'n/a';
  switch (unit) {
    case 'ratio':
      return `${(v * 100).toFixed(v < 0.01 ? 2 : 1)} %`;
    case 'seconds':
      return v >= 1 ? `${v.toFixed(2)} s` : `${(v * 1000).toFixed(v < 0.01 ? 1 : 0)} ms`;
    case 'reqps':
      return `${v.toFixed(v < 10 ? 2 : 0)}/s`;
    case 'bytes':
      return `${(v / 2 ** 20).toFixed(0)} MiB`;
    default:
      return v.toFixed(v < 10 ? 2 : 0);
  }
}
