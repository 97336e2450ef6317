// English and Chinese: every word the reader sees has its Chinese, with the same placeholders;
// nothing reader-facing is written past the translator; the catalogue is whole in both.
import { describe, expect, it } from 'vitest';
import { diagnose } from '@/lib/checks/diagnose';
import { CATALOGUE, type FindingCode } from '@/lib/model/catalogue';
import {
  NOW,
  WEB_PODS,
  clusterIpSnapshot,
  gatewaySnapshot,
  ingressSnapshot,
  nodePortSnapshot,
  notReady,
  withMetrics,
} from '@/lib/testing/snapshot-fixtures';
import { untranslatedInDiagnosis } from './coverage';
import { localeFromAcceptLanguage, pickLocale } from './locale';
import { msg, words } from './message';
import { translator, untranslatedKeys } from './translate';
import './all';
import { ZH, ZH_CATALOGUE, ZH_PARTS } from './zh';
import { bareJsxWords, englishInsideMessages, keysInSource, sourceFiles } from './source-keys';

const FILES = sourceFiles(['lib', 'components', 'app']);
const CJK = /[\u4e00-\u9fff]/;
const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();
const where = (k: { file: string; line: number; key: string }) => `${k.file}:${k.line} ${k.key}`;

describe('every word the reader sees is translated', () => {
  const keys = keysInSource(FILES);

  it('finds the messages of the checks and the words of the pages', () => {
    expect(keys.some((k) => k.file.startsWith('lib/checks/'))).toBe(true);
    expect(keys.some((k) => k.file.startsWith('components/'))).toBe(true);
  });

  it('has Chinese for every key of the source', () => {
    const missing = keys.filter((k) => untranslatedKeys(words(k.key), 'zh').length > 0);
    expect(missing.map(where)).toEqual([]);
  });

  it('keeps every placeholder of the English in the Chinese', () => {
    const wrong = Object.entries(ZH).filter(
      ([en, zh]) => placeholders(en).join() !== placeholders(zh).join(),
    );
    expect(wrong).toEqual([]);
  });

  it('gives each key its Chinese once (two parts with the same key would let one win silently)', () => {
    const owners = new Map<string, string[]>();
    for (const [part, dictionary] of Object.entries(ZH_PARTS))
      for (const key of Object.keys(dictionary))
        owners.set(key, [...(owners.get(key) ?? []), part]);
    expect([...owners].filter(([, parts]) => parts.length > 1)).toEqual([]);
  });

  it('writes no English straight into JSX or a reader-facing attribute', () => {
    expect(bareJsxWords(FILES).map(where)).toEqual([]);
  });

  it('puts no English phrase into a message as plain text', () => {
    expect(englishInsideMessages(FILES).map(where)).toEqual([]);
  });

  it('has the whole catalogue in Chinese', () => {
    const codes = Object.keys(CATALOGUE) as FindingCode[];
    const incomplete = codes.filter((c) => {
      const e = ZH_CATALOGUE[c];
      return !e || ![e.meaning, e.why, e.fix].every((s) => CJK.test(s));
    });
    expect(incomplete).toEqual([]);
  });
});

describe('a diagnosis read in Chinese', () => {
  const broken = WEB_PODS.map((p, i) => (i === 0 ? notReady(p) : p));
  const cases = {
    'ClusterIP, with metrics': withMetrics(clusterIpSnapshot()),
    'ClusterIP, a pod not ready, Prometheus not configured': clusterIpSnapshot(broken),
    NodePort: withMetrics(nodePortSnapshot()),
    Ingress: withMetrics(ingressSnapshot(broken)),
    Gateway: withMetrics(gatewaySnapshot()),
  };
  for (const [name, snapshot] of Object.entries(cases))
    it(`${name}: every word it says has its Chinese`, () => {
      const d = diagnose(snapshot, NOW);
      expect(d.findings.length + d.hops.length).toBeGreaterThan(0);
      // Fixture metric results are named by id, not by their query's title (a real Prometheus
      // answer is: the scenarios check those charts).
      const charts = /^(chart|threshold of chart) \S+: no message$/;
      expect(untranslatedInDiagnosis(d, 'zh').filter((k) => !charts.test(k))).toEqual([]);
    });
});

describe('messages', () => {
  it('render in English from their own template and in Chinese from the dictionary', () => {
    const m = msg`could not ${'list pods'}: ${msg`no answer in time`}`;
    expect(m.key).toBe('could not {0}: {1}');
    expect(translator('en').message(m)).toBe('could not list pods: no answer in time');
    const zh = translator('zh').message(m);
    expect(zh).toContain('list pods');
    expect(zh).toMatch(CJK);
    expect(zh).not.toContain('no answer in time');
  });
});

describe('a message from outside (a shared bundle)', () => {
  it('shows what is not a message as nothing, and never looks up inherited names', () => {
    const zh = translator('zh');
    for (const junk of [null, 'text', { key: 1 }, { key: 'x' }, { key: 'x', args: 'no' }])
      expect(zh.message(junk as never)).toBe('');
    expect(zh.message({ key: 'constructor', args: [] })).toBe('constructor');
    expect(zh.message({ key: '{0}', args: [null as never] })).toBe('');
    let deep = msg`end`;
    for (let i = 0; i < 50; i++) deep = msg`(${deep})`;
    expect(() => zh.message(deep)).not.toThrow();
    expect(untranslatedKeys({ key: 'constructor', args: [] }, 'zh')).toEqual(['constructor']);
  });
});

describe('the reader’s language', () => {
  it('follows the browser, by quality, and the switch before it', () => {
    expect(localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('fr-FR, zh-TW;q=0.5')).toBe('zh');
    expect(localeFromAcceptLanguage('en;q=0.2, zh;q=0.7')).toBe('zh');
    expect(localeFromAcceptLanguage('fr, de')).toBeNull();
    expect(pickLocale(undefined, 'de')).toBe('en');
    expect(pickLocale('en', 'zh-CN')).toBe('en');
    expect(pickLocale('zh', 'en-US')).toBe('zh');
    expect(pickLocale('xx', 'zh')).toBe('zh');
  });
});
