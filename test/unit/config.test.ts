// Choosing the Registry and the credentials: options first, then APTRUST_REGISTRY_* (apt-cmd's names).
import { describe, expect, it } from 'vitest';
import { ConfigurationError, createClient, ENVIRONMENTS } from '../../src/index.js';

const creds = { user: 'me@inst.edu', apiKey: 'secret' };

describe('environment selection', () => {
  it('demo and production are the two APTrust servers', () => {
    expect(createClient({ environment: 'demo', ...creds, env: {} }).baseUrl).toBe('https://demo.aptrust.org');
    expect(createClient({ environment: 'production', ...creds, env: {} }).baseUrl).toBe('https://repo.aptrust.org');
    expect(ENVIRONMENTS).toEqual({ demo: 'https://demo.aptrust.org', production: 'https://repo.aptrust.org' });
  });

  it('baseUrl takes any Registry, trailing slashes trimmed', () => {
    expect(createClient({ baseUrl: 'http://127.0.0.1:8080/', ...creds, env: {} }).baseUrl).toBe('http://127.0.0.1:8080');
  });

  it('reads APTRUST_REGISTRY_URL (a URL, or demo/production), _EMAIL and _API_KEY', () => {
    const env = { APTRUST_REGISTRY_URL: 'production', APTRUST_REGISTRY_EMAIL: 'a@b.edu', APTRUST_REGISTRY_API_KEY: 'k' };
    expect(createClient({ env }).baseUrl).toBe('https://repo.aptrust.org');
    expect(createClient({ env: { ...env, APTRUST_REGISTRY_URL: 'https://staging.example.org' } }).baseUrl).toBe(
      'https://staging.example.org',
    );
  });

  it('explicit options win over the environment', () => {
    const env = { APTRUST_REGISTRY_URL: 'production', APTRUST_REGISTRY_EMAIL: 'a@b.edu', APTRUST_REGISTRY_API_KEY: 'k' };
    expect(createClient({ environment: 'demo', env }).baseUrl).toBe('https://demo.aptrust.org');
  });

  it('with nothing chosen, says how to choose', () => {
    expect(() => createClient({ ...creds, env: {} })).toThrow(ConfigurationError);
    expect(() => createClient({ ...creds, env: {} })).toThrow(/APTRUST_REGISTRY_URL/);
  });

  it('names each missing credential', () => {
    expect(() => createClient({ environment: 'demo', env: {} })).toThrow(
      /user \(APTRUST_REGISTRY_EMAIL\) and apiKey \(APTRUST_REGISTRY_API_KEY\)/,
    );
    expect(() => createClient({ environment: 'demo', user: 'x@y.edu', env: {} })).toThrow(/apiKey \(APTRUST_REGISTRY_API_KEY\)/);
  });

  it('refuses plain http except to loopback', () => {
    expect(() => createClient({ baseUrl: 'http://demo.aptrust.org', ...creds, env: {} })).toThrow(/plain http/);
    expect(() => createClient({ baseUrl: 'http://10.0.0.5:8080', ...creds, env: {} })).toThrow(/plain http/);
    for (const url of ['http://localhost:1', 'http://127.0.0.1:2', 'http://127.5.6.7:3', 'http://[::1]:4']) {
      expect(createClient({ baseUrl: url, ...creds, env: {} }).baseUrl).toBe(url);
    }
  });

  it('refuses URLs that are not http(s), or carry credentials or a query', () => {
    expect(() => createClient({ baseUrl: 'ftp://x.org', ...creds, env: {} })).toThrow(/must be http/);
    expect(() => createClient({ baseUrl: 'not a url', ...creds, env: {} })).toThrow(/not a URL/);
    expect(() => createClient({ baseUrl: 'https://u:p@x.org', ...creds, env: {} })).toThrow(/user name or password/);
    expect(() => createClient({ baseUrl: 'https://x.org/?a=1', ...creds, env: {} })).toThrow(/query/);
  });

  it('checks numeric options', () => {
    expect(() => createClient({ environment: 'demo', ...creds, timeoutMs: -1, env: {} })).toThrow(/timeoutMs must be a positive number/);
    expect(() => createClient({ environment: 'demo', ...creds, env: { APTRUST_REGISTRY_TIMEOUT_MS: 'soon' } })).toThrow(/timeoutMs/);
  });
});
