import { lazyModule } from '../lazy-module.js';

const linkedom = lazyModule<typeof import('linkedom')>('linkedom');

/** Turns a fragment of HTML into its plain text: entities decoded, tags dropped. */
export type HtmlTextDecoder = (html: string) => string;

/**
 * One linkedom document reused for every call, so a feed of many items parses one document,
 * not one per title. linkedom never runs scripts or loads resources.
 */
export function createHtmlTextDecoder(): HtmlTextDecoder {
  const { document } = linkedom().parseHTML('<!doctype html><html><body><div></div></body></html>') as unknown as {
    document: Document;
  };
  const container = document.createElement('div');
  return (html) => {
    if (!/[<&]/.test(html)) return html;
    container.innerHTML = html;
    return container.textContent ?? '';
  };
}
