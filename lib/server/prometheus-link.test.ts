// What the browser may be told about Prometheus: an explicit public address, without secrets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prometheusLink, prometheusLinkFrom } from './prometheus-link';

describe('the Prometheus link sent to the browser', () => {
  // Whatever the shell running the tests exported must not decide them.
  const saved = {
    link: process.env.HOPSCOPE_PROMETHEUS_LINK_URL,
    url: process.env.HOPSCOPE_PROMETHEUS_URL,
  };
  beforeEach(() => {
    delete process.env.HOPSCOPE_PROMETHEUS_LINK_URL;
    delete process.env.HOPSCOPE_PROMETHEUS_URL;
  });
  afterEach(() => {
    const restore = (name: string, value: string | undefined) => {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    };
    restore('HOPSCOPE_PROMETHEUS_LINK_URL', saved.link);
    restore('HOPSCOPE_PROMETHEUS_URL', saved.url);
  });

  it("never falls back to the server's own query URL", () => {
    process.env.HOPSCOPE_PROMETHEUS_URL = 'http://admin:s3cret@prometheus.monitoring.svc:9090';
    expect(prometheusLink()).toBeUndefined();
  });

  it('drops credentials, query and fragment from the public link', () => {
    expect(prometheusLinkFrom('https://ops:pw@prom.example.com/prometheus/?token=x#y')).toBe(
      'https://prom.example.com/prometheus',
    );
  });

  it('refuses what is not an http(s) URL', () => {
    expect(prometheusLinkFrom('javascript:alert(1)')).toBeUndefined();
    expect(prometheusLinkFrom('not a url')).toBeUndefined();
  });
});
