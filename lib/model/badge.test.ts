import { describe, expect, it } from 'vitest';
import { badgeSvg, shieldsEndpoint } from './badge';

describe('verdict badge', () => {
  it('is an image named "label: verdict" in its aria-label and title', () => {
    const svg = badgeSvg('shop/web', 'fail');
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="shop\/web: fail">/);
    expect(svg).toContain('<title>shop/web: fail</title>');
    expect(svg).toContain('fill="#c62828"');
  });

  it('escapes what it is given', () => {
    const svg = badgeSvg('<script>"a"&\'b\'', 'ok');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;&quot;a&quot;&amp;&apos;b&apos;: ok');
  });

  it('answers the shields.io endpoint schema', () => {
    expect(shieldsEndpoint('shop/web', 'warn')).toEqual({
      schemaVersion: 1,
      label: 'shop/web',
      message: 'warn',
      color: 'orange',
    });
  });
});
