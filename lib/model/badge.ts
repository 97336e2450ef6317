// Verdict badges for places that cannot frame a page (Markdown runbooks, chat, status pages): a
// flat SVG in the shields.io look, and the shields.io "endpoint" JSON for those who render their own.
import type { Verdict } from './verdict';

/** Colours with at least 4.5:1 contrast against the white text on them. */
const COLOURS: Record<Verdict, string> = {
  ok: '#2e7d32',
  warn: '#9a5b00',
  fail: '#c62828',
  unknown: '#5f6368',
  skipped: '#5f6368',
};
const SHIELDS_COLOURS: Record<Verdict, string> = {
  ok: 'green',
  warn: 'orange',
  fail: 'red',
  unknown: 'lightgrey',
  skipped: 'lightgrey',
};

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

/** Verdana 11px averages about 7 px a character; wide enough for any label of that length. */
const textWidth = (text: string) => Math.ceil(text.length * 7 + 10);

/** `message` replaces the verdict's word ("not found"), in the verdict's colour. */
export function badgeSvg(label: string, verdict: Verdict, message: string = verdict): string {
  const lw = textWidth(label);
  const vw = textWidth(message);
  const w = lw + vw;
  const title = escapeXml(`${label}: ${message}`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<rect width="${lw}" height="20" fill="#555"/>`,
    `<rect x="${lw}" width="${vw}" height="20" fill="${COLOURS[verdict]}"/>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="${lw / 2}" y="14">${escapeXml(label)}</text>`,
    `<text x="${lw + vw / 2}" y="14">${escapeXml(message)}</text>`,
    `</g></svg>`,
  ].join('');
}

export function shieldsEndpoint(label: string, verdict: Verdict, message: string = verdict) {
  return { schemaVersion: 1, label, message, color: SHIELDS_COLOURS[verdict] };
}
