import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES } from '../shared/csp.js';
import html from './index.html?raw';

describe('index.html', () => {
  it('repeats the shared Content-Security-Policy (minus frame-ancestors) in its meta tag', () => {
    const content = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(content).toBeDefined();
    const expected = Object.entries(CSP_DIRECTIVES)
      .filter(([name]) => name !== 'frame-ancestors')
      .map(([name, value]) => `${name} ${value}`)
      .join('; ');
    expect(content).toBe(expected);
  });

  it('loads only its own module script, by a relative path, and no inline script', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![1]).toContain('src="./main.tsx"');
    expect(scripts[0]![2]!.trim()).toBe('');
  });
});
