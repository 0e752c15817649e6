import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childText, ownText, parseXml } from './xml-lite';

describe('the small XML reader', () => {
  it('reads elements, attributes, entities, CDATA and comments', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0"?>\n<!-- c --><a x="1" y=\'&lt;2&gt;\'><b>t&amp;u &#x41;&#66;</b><c/><![CDATA[<raw>&]]></a>',
    );
    expect(root.name).toBe('a');
    expect(root.attributes).toEqual({ x: '1', y: '<2>' });
    expect(childText(root, 'b')).toBe('t&u AB');
    expect(childText(root, 'c')).toBe('');
    expect(ownText(root)).toBe('<raw>&');
  });

  const broken: [string, RegExp][] = [
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', /DOCTYPE/],
    ['<a>&x;</a>', /&-code/],
    ['<a>& b</a>', /&-code/],
    ['<a><b></a></b>', /does not match/],
    ['<a>', /never closed/],
    ['<a/><b/>', /second top-level/],
    ['text<a/>', /outside/],
    ['<a x="1" x="2"/>', /twice/],
    ['<a x=1/>', /broken <a> tag/],
    ['', /no element/],
    ['<a>&#0;</a>', /&-code/],
    ['<a><!-- never</a>', /comment/],
  ];
  it.each(broken)('refuses %j', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(message);
  });

  it('gives back any text it was given, once escaped', () => {
    const escape = (s: string) =>
      s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const root = parseXml(`<r a="${escape(text)}"><v>${escape(text)}</v></r>`);
        expect(root.attributes.a).toBe(text);
        expect(childText(root, 'v')).toBe(text.trim());
      }),
    );
  });
});
