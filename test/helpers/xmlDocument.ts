/**
 * XML read back by a real XML parser (jsdom's DOMParser), for the reports CI reads. jsdom ships no
 * types and the Node tests have no DOM library, so the little the tests use is typed here.
 */
import { createRequire } from 'node:module';

export interface XmlElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement> & Iterable<XmlElement>;
}

export interface XmlDocument {
  documentElement: XmlElement;
  getElementsByTagName(name: string): ArrayLike<XmlElement> & Iterable<XmlElement>;
}

interface Jsdom {
  JSDOM: new (html: string) => {
    window: { DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument } };
  };
}

export function parseXml(text: string): XmlDocument {
  const { JSDOM } = createRequire(import.meta.url)('jsdom') as Jsdom;
  return new new JSDOM('').window.DOMParser().parseFromString(text, 'application/xml');
}
