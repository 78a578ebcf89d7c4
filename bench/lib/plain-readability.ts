import { Readability } from '@mozilla/readability';

export const domNames = ['linkedom', 'jsdom'] as const;
export type DomName = (typeof domNames)[number];

export type ExtractText = (html: string, url: string) => string;

/**
 * `@mozilla/readability` as it comes, over the chosen DOM: the benchmark's reference point.
 * Only the chosen DOM is imported, so a run's memory figure belongs to that DOM alone.
 */
export async function loadPlainReadability(dom: DomName): Promise<ExtractText> {
  if (dom === 'jsdom') {
    const { JSDOM } = await import('jsdom');
    return (html, url) => {
      // Scripts stay off (jsdom's default); closing the window frees the page before the next one.
      const page = new JSDOM(html, { url });
      try {
        return new Readability(page.window.document).parse()?.textContent ?? '';
      } finally {
        page.window.close();
      }
    };
  }
  const { parseHTML } = await import('linkedom');
  return (html) => {
    const { document } = parseHTML(html);
    return new Readability(document as unknown as Document).parse()?.textContent ?? '';
  };
}
