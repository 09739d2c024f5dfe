// Which proxy a client takes from its options and environment, and NO_PROXY matched as curl does.
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/index.js';
import { bypassesProxy, chooseProxy, parseProxy } from '../../src/transport/proxy.js';

const REGISTRY = new URL('https://repo.aptrust.org');
const LOCAL = new URL('http://127.0.0.1:8080');

describe('chooseProxy', () => {
  it('https: https_proxy, then HTTPS_PROXY; http: http_proxy only; empty values are unset', () => {
    expect(chooseProxy(REGISTRY, undefined, { https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2' })?.label).toBe('http://a:1');
    expect(chooseProxy(REGISTRY, undefined, { https_proxy: ' ', HTTPS_PROXY: 'http://b:2' })?.source).toBe('HTTPS_PROXY');
    expect(chooseProxy(REGISTRY, undefined, { http_proxy: 'http://a:1' })).toBeUndefined();
    expect(chooseProxy(LOCAL, undefined, { http_proxy: 'http://a:1' })?.label).toBe('http://a:1');
    expect(chooseProxy(LOCAL, undefined, { HTTP_PROXY: 'http://a:1', HTTPS_PROXY: 'http://b:2' })).toBeUndefined();
  });

  it('no_proxy before NO_PROXY; the option wins over both, false over everything', () => {
    const env = { HTTPS_PROXY: 'http://p:3128', no_proxy: 'example.edu', NO_PROXY: '*' };
    expect(chooseProxy(REGISTRY, undefined, env)?.label).toBe('http://p:3128');
    expect(chooseProxy(REGISTRY, undefined, { ...env, no_proxy: '' })).toBeUndefined();
    expect(chooseProxy(REGISTRY, 'http://q:8080', { ...env, no_proxy: '*' })?.source).toBe('the proxy option');
    expect(chooseProxy(REGISTRY, false, env)).toBeUndefined();
    expect(() => chooseProxy(REGISTRY, '', env)).toThrow(ConfigurationError);
  });
});

describe('parseProxy', () => {
  it('scheme optional (http), default ports 80 and 443, IPv6, credentials decoded and kept out of the label', () => {
    expect(parseProxy('proxy.example.edu:3128', 'x').label).toBe('http://proxy.example.edu:3128');
    expect(parseProxy('http://proxy.example.edu', 'x').port).toBe(80);
    expect(parseProxy('https://proxy.example.edu', 'x').port).toBe(443);
    const v6 = parseProxy('http://[::1]:3128', 'x');
    expect([v6.hostname, v6.label]).toEqual(['::1', 'http://[::1]:3128']);
    const withAuth = parseProxy('http://al%40ice:p%3Ass@proxy:1', 'x');
    expect(withAuth.label).toBe('http://proxy:1');
    expect(withAuth.authorization()).toBe(`Basic ${Buffer.from('al@ice:p:ss').toString('base64')}`);
    expect(withAuth.secrets()).toEqual(expect.arrayContaining(['p:ss', 'p%3Ass']));
    expect(JSON.stringify(withAuth)).not.toContain('p:ss');
    expect(parseProxy('http://proxy:1', 'x').authorization()).toBeUndefined();
  });

  it('SOCKS and non-URLs are ConfigurationErrors naming the variable', () => {
    expect(() => parseProxy('socks5://proxy:1080', 'ALL')).toThrow(/ALL is a socks5:\/\/ proxy/);
    expect(() => parseProxy('http://[nope', 'HTTPS_PROXY')).toThrow(/HTTPS_PROXY is not a proxy URL/);
  });
});

describe('bypassesProxy (NO_PROXY as curl)', () => {
  const cases: [string, string, boolean][] = [
    ['https://repo.aptrust.org', '*', true],
    ['https://repo.aptrust.org', 'repo.aptrust.org', true],
    ['https://repo.aptrust.org', 'REPO.APTrust.org', true],
    ['https://repo.aptrust.org', 'aptrust.org', true],
    ['https://repo.aptrust.org', '.aptrust.org', true],
    ['https://aptrust.org', '.aptrust.org', true],
    ['https://repo.aptrust.org', '*.aptrust.org', true],
    ['https://notaptrust.org', 'aptrust.org', false],
    ['https://repo.aptrust.org', 'demo.aptrust.org', false],
    ['https://repo.aptrust.org', 'example.edu, .aptrust.org', true],
    ['https://repo.aptrust.org', 'example.edu aptrust.org', true],
    ['https://repo.aptrust.org', 'repo.aptrust.org:443', true],
    ['https://repo.aptrust.org', 'repo.aptrust.org:8443', false],
    ['https://repo.aptrust.org:8443', 'repo.aptrust.org:8443', true],
    ['https://repo.aptrust.org.', 'aptrust.org', true],
    ['http://127.0.0.1:8080', '127.0.0.1', true],
    ['http://127.0.0.1:8080', '127.0.0.0/8', true],
    ['http://127.0.0.1:8080', '10.0.0.0/8', false],
    ['http://127.0.0.1:8080', '127.0.0.2', false],
    ['http://[::1]:8080', '::1', true],
    ['http://[::1]:8080', '[::1]:8080', true],
    ['http://[::1]:8080', '[::1]:9090', false],
    ['http://[::1]:8080', '::/0', true],
    ['http://localhost:8080', '', false],
    ['http://localhost:8080', '127.0.0.1', false], // names are not resolved, as curl
    ['https://repo.aptrust.org', '.', false],
  ];
  for (const [target, list, expected] of cases) {
    it(`${target} with NO_PROXY="${list}": ${expected ? 'direct' : 'proxied'}`, () => {
      expect(bypassesProxy(new URL(target), list)).toBe(expected);
    });
  }
});
