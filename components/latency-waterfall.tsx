// Where the time goes along the path, one bar per hop, scaled to the longest: from the probes, or
// from the metrics when no probe ran (then each bar is its own p99 and they do not add up).
import type { LatencyWaterfall } from '@/lib/model/diagnosis';

export function LatencyWaterfallView({ waterfall }: { waterfall: LatencyWaterfall }) {
  const longest = Math.max(...waterfall.rows.map((r) => r.ms), 1);
  return (
    <figure className="waterfall" aria-label="Where the time goes">
      <figcaption className="muted">
        Where the time goes, from {waterfall.source === 'probes' ? 'the probes' : 'metrics'}:{' '}
        {waterfall.basis}
      </figcaption>
      <ol>
        {waterfall.rows.map((r) => (
          <li key={`${r.hop}-${r.label}`} data-hop={r.hop}>
            <span className="waterfall-label">{r.label}</span>
            <span className="waterfall-bar" aria-hidden="true">
              <span style={{ width: `${Math.max(1, (r.ms / longest) * 100)}%` }} />
            </span>
            <span className="waterfall-ms">{r.ms} ms</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
