// The path trace's probes, one row per target: how many tries answered, how the others failed,
// and where the time went (connect, first byte, total; medians of the tries that answered).
import type { TraceTable } from '@/lib/model/diagnosis';

const ms = (v: number | null) => (v === null ? '—' : `${v} ms`);

export function TraceTableView({ trace }: { trace: TraceTable }) {
  return (
    <table className="trace" aria-label="Probes">
      <caption className="muted">
        Probes from {trace.vantage}
        {trace.sampled ? ` (${trace.sampled})` : ''}
        {trace.passedOver?.length ? `; not from ${trace.passedOver.join('; ')}` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">tier</th>
          <th scope="col">target</th>
          <th scope="col">answered</th>
          <th scope="col">tries</th>
          <th scope="col">connect</th>
          <th scope="col">first byte</th>
          <th scope="col">total</th>
        </tr>
      </thead>
      <tbody>
        {trace.rows.map((r) => (
          <tr key={`${r.tier}-${r.label}`} data-ok={r.of > 0 && r.ok === r.of}>
            <td>{r.tier}</td>
            <th scope="row">{r.label}</th>
            <td>
              {r.ok} of {r.of}
            </td>
            <td>
              {r.outcomes}
              {r.notProbed ? ` — ${r.notProbed}` : ''}
            </td>
            <td>{ms(r.connectMs)}</td>
            <td>{ms(r.firstByteMs)}</td>
            <td>{ms(r.totalMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
