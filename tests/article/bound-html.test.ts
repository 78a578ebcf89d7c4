import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { boundHtml, HTML_LIMITS, type HtmlLimits } from '../../src/article/bound-html.js';
import { extractArticle } from '../../src/article/extract.js';

const LIMITS: HtmlLimits = { maxDepth: 20, maxMarkupWork: 50_000, maxChars: 100_000 };
/** Elements of depth 1 that fit in LIMITS: each costs 40 + 1 + 1/100 units. */
const TOP_LEVEL_FIT = Math.floor(50_000 / 41.01);

/** The deepest element and the number of elements of the DOM linkedom builds, walked without recursion. */
function domShape(html: string): { depth: number; elements: number; text: string } {
  const { document } = parseHTML(html) as unknown as { document: Document };
  let depth = 0;
  let elements = 0;
  // From the root element: linkedom links a doctype into no sibling list.
  const stack: Array<[Node, number]> = document.documentElement ? [[document.documentElement, 1]] : [];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (node.nodeType === 1) {
      elements += 1;
      depth = Math.max(depth, level);
    }
    for (let child = node.firstChild; child; child = child.nextSibling) stack.push([child, level + 1]);
  }
  return { depth, elements, text: (document.body?.textContent ?? '').replace(/\s+/g, ' ').trim() };
}

const ordinaryPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Budget passes</title>
<script type="application/ld+json">{"isAccessibleForFree": true}</script>
<style>p > a { color: red }</style></head>
<body><nav><ul><li><a href="/">Home</a><li><a href="/world">World</a></ul></nav>
<article><h1>Budget passes</h1><p class="byline">By Lois Lane<p>The council voted <b>7-2</b> on <i>Tuesday</i>.</p>
<table><tr><td>one<td>two<tr><td>three</table><p>Done<br>here.</p><img src="x.jpg" alt="a > b"></article>
<!-- a comment with <div> inside --><footer>© The Daily Planet</footer></body></html>`;

describe('boundHtml on ordinary markup', () => {
  it('builds the same DOM as the page itself: the same elements, depth and text', () => {
    const bounded = boundHtml(ordinaryPage);
    expect(bounded.flattened).toBe(0);
    expect(bounded.cut).toBeNull();
    const before = domShape(ordinaryPage);
    const after = domShape(bounded.html);
    expect(after).toEqual(before);
    expect(bounded.elements).toBe(before.elements);
  });

  it('keeps raw text as it is: markup inside a script is not counted or parsed', () => {
    const bounded = boundHtml('<html><body><script>if (a < b) document.write("<div><div><div>")</script><p>Text</p></body></html>');
    expect(bounded.html).toContain('document.write("<div><div><div>")');
    expect(bounded.elements).toBe(4);
  });

  it('ends a script at the first "</script", as the tokenizer does, and keeps a ">" inside a quoted attribute', () => {
    const bounded = boundHtml('<html><body><div title="x > y">a</div><SCRIPT>s</SCRIPT >b</body></html>');
    expect(bounded.html).toContain('<div title="x > y">a</div>');
    expect(bounded.html).toContain('<SCRIPT>s</script>');
    expect(domShape(bounded.html).text).toBe('asb');
  });

  it('keeps comments without their text, leaves out declarations, escapes a "<" that starts no tag, and drops end tags that close nothing', () => {
    const bounded = boundHtml('<!doctype html><html><body><!-- <div> --><p>1 < 2</em></span></p><!--> <?php x ?></body></html>');
    expect(bounded.html).toBe('<html><body><!----><p>1 &lt; 2</p><!----> </body></html>');
  });

  it('gives a fragment the html, head and body linkedom needs to find its body', () => {
    const fragment = boundHtml('<p>One</p><p>Two</p>');
    expect(fragment.html).toBe('<html><head></head><body><p>One</p><p>Two</p></body></html>');
    expect(extractArticle('<p>One</p><p>Two</p>', null).paragraphs).toEqual(['One', 'Two']);
    // A page that closes its head and never opens a body gets one after the head.
    expect(boundHtml('<html><head><title>T</title></head><p>Body</p></html>').html).toBe('<html><head><title>T</title></head><body><p>Body</p></html>');
  });

  it('reports a body with no tag at all as having no elements', () => {
    expect(boundHtml('Just text, with a < b and an &amp; entity.').elements).toBe(0);
  });
});

describe('boundHtml on hostile markup', () => {
  it('flattens nesting deeper than maxDepth and keeps the text, with line breaks between blocks', () => {
    const html = `<html><body>${'<div>'.repeat(5_000)}<p>First paragraph.</p><p>Second paragraph.</p>${'</div>'.repeat(5_000)}<p>After.</p></body></html>`;
    const bounded = boundHtml(html, LIMITS);
    const shape = domShape(bounded.html);
    expect(shape.depth).toBeLessThanOrEqual(LIMITS.maxDepth + 1);
    expect(bounded.flattened).toBeGreaterThan(4_900);
    // textContent runs blocks together; the paragraphs below show the breaks.
    expect(shape.text).toBe('First paragraph.Second paragraph.After.');
    const { paragraphs } = extractArticle(html, null, LIMITS);
    expect(paragraphs).toEqual(['First paragraph.', 'Second paragraph.', 'After.']);
  });

  it('bounds nesting that is never closed, and inline elements as well as blocks', () => {
    const html = `${'<b><i><span>'.repeat(30_000)}deep text${'</em>'.repeat(30_000)}`;
    const bounded = boundHtml(html, LIMITS);
    const shape = domShape(bounded.html);
    expect(shape.depth).toBeLessThanOrEqual(LIMITS.maxDepth + 3);
    expect(shape.text).toBe('deep text');
    expect(bounded.html).not.toContain('</em>');
  });

  it('bounds 100,000 levels with the default limits', () => {
    const html = `${'<div>'.repeat(100_000)}<p>Still here.</p>`;
    const bounded = boundHtml(html);
    expect(domShape(bounded.html).depth).toBeLessThanOrEqual(HTML_LIMITS.maxDepth + 3);
    expect(domShape(bounded.html).text).toBe('Still here.');
  });

  it('bounds foreign content: self-closing <svg/> inside <svg> cannot grow the parser\'s foreign-content stack', () => {
    const bounded = boundHtml(`<svg>${'<svg/>'.repeat(5_000)}</svg><p>after</p>`, LIMITS);
    expect(bounded.html.split('<svg').length - 1).toBeLessThanOrEqual(LIMITS.maxDepth + 1);
    expect(domShape(bounded.html).text).toBe('after');
  });

  it('cuts the page where maxMarkupWork is reached and says how much was read', () => {
    // Each <p> closes the one before, so all sit at depth 1.
    const html = '<p>a'.repeat(5_000);
    const bounded = boundHtml(html, LIMITS);
    expect(bounded.elements).toBe(TOP_LEVEL_FIT);
    expect(bounded.cut).toEqual({ limit: 'markup', readChars: TOP_LEVEL_FIT * 4, totalChars: html.length });
    // With the html, head and body the fragment is given.
    expect(domShape(bounded.html).elements).toBe(TOP_LEVEL_FIT + 3);
  });

  it('weighs elements by depth: fewer fit under a deep chain than at the top', () => {
    const limits = { ...LIMITS, maxMarkupWork: 5_000 };
    // html, body and 17 divs (depths 1 to 19) cost 974.7 units; spans at depth 20 cost 64 each: 62 fit.
    const chained = boundHtml(`<html><body>${'<div>'.repeat(17)}${'<span>x</span>'.repeat(200)}</body></html>`, limits);
    expect(chained.cut?.limit).toBe('markup');
    expect(chained.elements).toBe(19 + 62);
    // Without the chain, spans at depth 3 cost 43.09 each: 114 fit after html and body.
    const flat = boundHtml(`<html><body>${'<span>x</span>'.repeat(200)}</body></html>`, limits);
    expect(flat.elements).toBe(2 + 114);
  });

  it('counts character references against the markup budget (each makes the parser start more text nodes), and keeps at most 2,000 comments', () => {
    const references = boundHtml(`<html><body><p>${'a&amp;'.repeat(10_000)}</p></body></html>`, LIMITS);
    expect(references.cut?.limit).toBe('markup');
    expect(references.html.split('&amp;').length - 1).toBeLessThan(50_000 / 20);
    const comments = boundHtml(`<html><body><p>a${'<!-- x -->'.repeat(10_000)}b</p></body></html>`, LIMITS);
    expect(comments.cut).toBeNull();
    expect(comments.html.split('<!---->').length - 1).toBe(2_000);
    expect(domShape(comments.html).text).toBe('ab');
  });

  it('counts the empty <p> a stray </p> makes, so a page of them is cut too', () => {
    const bounded = boundHtml('</p>'.repeat(5_000), LIMITS);
    expect(bounded.cut?.limit).toBe('markup');
    expect(domShape(bounded.html).elements).toBe(TOP_LEVEL_FIT + 3);
  });

  it('cuts text past maxChars between words, and does not count script bodies', () => {
    const script = `<script>${'x'.repeat(200_000)}</script>`;
    const words = 'word '.repeat(40_000);
    const bounded = boundHtml(`<html><head>${script}</head><body><p>${words}</p></body></html>`, LIMITS);
    expect(bounded.cut?.limit).toBe('length');
    const text = domShape(bounded.html).text;
    expect(text.length).toBeLessThanOrEqual(LIMITS.maxChars);
    expect(text.length).toBeGreaterThan(LIMITS.maxChars - 300);
    expect(text).toMatch(/^(?:word )*word$/);
  });

  it('drops a raw-text element nested too deep whole, so its body is never read as markup', () => {
    const bounded = boundHtml(`${'<div>'.repeat(50)}<script>"<p>not text</p>"</script>kept`, LIMITS);
    expect(bounded.html).not.toContain('not text');
    expect(domShape(bounded.html).text).toBe('kept');
  });

  it('takes out the control characters the tokenizer could read as the "<" or "/" of a raw-text end tag', () => {
    const bounded = boundHtml('<html><body><script>a\x1c/script><div>b</script><p>c</p></body></html>');
    expect(bounded.html).toContain('<script>a\ufffd/script><div>b</script>');
    expect(domShape(bounded.html).text).toBe('a\ufffd/script><div>bc');
  });
});
