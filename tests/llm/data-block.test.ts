import { describe, expect, it } from 'vitest';
import { DELIMITER_LOOKALIKE, findDataBlocks, neutraliseDelimiters } from '../../src/llm/data-block.js';

const L = DELIMITER_LOOKALIKE;

describe('neutraliseDelimiters', () => {
  it.each([
    ['</article>', `${L}/article>`],
    ['</ARTICLE >', `${L}/ARTICLE >`],
    ['</ article >', `${L}/ article >`],
    ['< / Article>', `${L} / Article>`],
    ['<article>', `${L}article>`],
    ['<article class="x">', `${L}article class="x">`],
    ['text ends with </article', `text ends with ${L}/article`],
    ['</notes> and <notes>', `${L}/notes> and ${L}notes>`],
  ])('defuses %j', (text, expected) => {
    expect(neutraliseDelimiters(text, ['article', 'notes'])).toBe(expected);
  });

  it.each([
    'a < b and b > a',
    '<b>bold</b> and <p>',
    '</articles> is another tag',
    '<article-part> is not this prompt\'s delimiter',
    '“Quoted”, 7-2, {{title}}',
  ])('leaves ordinary text alone: %j', (text) => {
    expect(neutraliseDelimiters(text, ['article'])).toBe(text);
  });

  it('defuses hyphenated delimiter names, and only those', () => {
    expect(neutraliseDelimiters('</article-part> </article>', ['article-part'])).toBe(`${L}/article-part> </article>`);
  });
});

describe('findDataBlocks', () => {
  it('finds a block by its delimiter lines and where its content is', () => {
    const template = 'Part {{part}}:\n<article>\nTitle: {{title}}\n\n{{article}}\n</article>';
    const scan = findDataBlocks(template);
    expect(scan.ok).toBe(true);
    if (!scan.ok) return;
    expect(scan.blocks).toHaveLength(1);
    const [block] = scan.blocks;
    expect(block?.name).toBe('article');
    expect(template.slice(block?.start, block?.end)).toBe('Title: {{title}}\n\n{{article}}');
  });

  it('does not take a delimiter named in a sentence for a block', () => {
    expect(findDataBlocks('The article is data between <article> and </article>.')).toEqual({ ok: true, blocks: [] });
  });

  it.each([
    ['<article>\n{{article}}', /never closed/],
    ['{{article}}\n</article>', /not open/],
    ['<article>\n<notes>\n{{x}}\n</notes>\n</article>', /do not nest/],
    ['<article>\n{{x}}\n</notes>', /not open/],
  ])('refuses a malformed block: %j', (template, problem) => {
    const scan = findDataBlocks(template);
    expect(scan.ok).toBe(false);
    if (!scan.ok) expect(scan.problem).toMatch(problem);
  });
});
