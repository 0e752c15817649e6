/**
 * A small, strict XML reader for the subset FileZilla writes: elements, attributes, text,
 * comments, CDATA, the XML declaration, the five named entities and numeric references. DOCTYPE
 * and custom entities are refused (they are how XML bombs and external-entity attacks start).
 * Hand-written because no XML package is installed; fast-xml-parser would replace it.
 */
import { FerryError } from '../../../../shared/errors';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const NAME = '[A-Za-z_][-A-Za-z0-9_.:]*';
const OPEN_NAME = new RegExp(`<(${NAME})`, 'y');
const ATTRIBUTE = new RegExp(`\\s+(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'y');
const OPEN_END = /\s*(\/?)>/y;
const CLOSE = new RegExp(`</(${NAME})\\s*>`, 'y');
const NAMED_ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};
const MAX_DEPTH = 200;

export function parseXml(input: string): XmlElement {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const fail = (at: number, what: string): never => {
    const line = text.slice(0, at).split('\n').length;
    throw new FerryError(
      'import_failed',
      `The file is not readable XML (line ${line}: ${what}).`,
      'Choose the sitemanager.xml file exactly as FileZilla saved it.',
    );
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const addText = (value: string, at: number) => {
    const parent = stack.at(-1);
    if (parent) parent.children.push(value);
    else if (value.trim() !== '') fail(at, 'text outside the document');
  };
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const end = lt === -1 ? text.length : lt;
    if (end > i)
      addText(
        decodeEntities(text.slice(i, end), () => fail(i, 'a broken &-code')),
        i,
      );
    if (lt === -1) break;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close === -1) fail(i, 'a comment that never ends');
      i = close + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const close = text.indexOf(']]>', i + 9);
      if (close === -1) fail(i, 'a CDATA section that never ends');
      addText(text.slice(i + 9, close), i);
      i = close + 3;
    } else if (text.startsWith('<?', i)) {
      const close = text.indexOf('?>', i + 2);
      if (close === -1) fail(i, 'a declaration that never ends');
      i = close + 2;
    } else if (text.startsWith('<!', i)) {
      fail(i, 'DOCTYPE and entity declarations are not accepted');
    } else if (text.startsWith('</', i)) {
      CLOSE.lastIndex = i;
      const match = CLOSE.exec(text);
      const open = stack.pop();
      if (!match || !open || open.name !== match[1]) fail(i, 'a closing tag that does not match');
      i = CLOSE.lastIndex;
    } else {
      i = readOpenTag(text, i, stack, fail, (element) => {
        if (root) fail(i, 'a second top-level element');
        root = element;
      });
    }
  }
  if (stack.length > 0) fail(text.length, `<${stack.at(-1)?.name}> is never closed`);
  if (!root) return fail(text.length, 'no element at all');
  return root;
}

function readOpenTag(
  text: string,
  start: number,
  stack: XmlElement[],
  fail: (at: number, what: string) => never,
  onRoot: (element: XmlElement) => void,
): number {
  OPEN_NAME.lastIndex = start;
  const name = OPEN_NAME.exec(text)?.[1] ?? fail(start, 'a broken tag');
  const element: XmlElement = { name, attributes: {}, children: [] };
  let i = OPEN_NAME.lastIndex;
  for (;;) {
    ATTRIBUTE.lastIndex = i;
    const attribute = ATTRIBUTE.exec(text);
    if (!attribute) break;
    const [, key = '', double, single] = attribute;
    if (Object.hasOwn(element.attributes, key)) fail(i, `attribute ${key} given twice`);
    element.attributes[key] = decodeEntities(double ?? single ?? '', () =>
      fail(i, 'a broken &-code'),
    );
    i = ATTRIBUTE.lastIndex;
  }
  OPEN_END.lastIndex = i;
  const closing = OPEN_END.exec(text) ?? fail(i, `a broken <${name}> tag`);
  const parent = stack.at(-1);
  if (parent) parent.children.push(element);
  else onRoot(element);
  if (closing[1] !== '/') {
    if (stack.length >= MAX_DEPTH) fail(start, 'elements nested too deeply');
    stack.push(element);
  }
  return OPEN_END.lastIndex;
}

function decodeEntities(raw: string, broken: () => never): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z]+)?;?/g, (whole, body?: string) => {
    if (!body || !whole.endsWith(';')) return broken();
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : broken();
    }
    return NAMED_ENTITIES[body] ?? broken();
  });
}

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter(
    (c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name),
  );
}

/** The element's own text (not its children's), trimmed. */
export function ownText(element: XmlElement): string {
  return element.children
    .filter((c): c is string => typeof c === 'string')
    .join('')
    .trim();
}

/** The text of the first child element called `name`, or undefined when there is none. */
export function childText(element: XmlElement, name: string): string | undefined {
  const child = childElements(element, name)[0];
  return child === undefined ? undefined : ownText(child);
}
