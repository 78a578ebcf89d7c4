import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article/types.js';
import { assertWithinLimits, EMBED_DESCRIPTION_MAX } from '../../src/discord/render/discord-limits.js';
import { PASSAGES_HEADING, renderAnswerMessage, SUPPORT_HEADING } from '../../src/discord/render/answer-embed.js';
import { ARTICLE_DOESNT_SAY, type AnsweredQuestion, type AnswerResult } from '../../src/summarize/index.js';

const article: Article = {
  source: { kind: 'url', url: 'https://news.example/bridge', path: null },
  metadata: { title: 'Harbour bridge reopens', byline: null, siteName: null, publishedTime: null, canonicalUrl: null, language: 'en' },
  paragraphs: ['The bridge reopened.'],
  text: 'The bridge reopened.',
  wordCount: 3,
};

function answered(result: Partial<AnswerResult>, question = 'When did the bridge reopen?', cached = false): AnsweredQuestion {
  return {
    article,
    question,
    cached,
    result: { kind: 'answer', answer: 'On Monday.', support: ['The bridge reopened on Monday.'], provider: 'openai', model: 'gpt-4o-mini', prompt: 'ask@1', notes: [], ...result },
  };
}

describe('the answer embed', () => {
  it('shows the question, the answer and the passages quoted, the title linking to the article', () => {
    const message = renderAnswerMessage(answered({}, 'When did the bridge reopen?', true));
    const embed = message.embeds[0];
    expect(embed).toMatchObject({ title: 'Harbour bridge reopens', url: 'https://news.example/bridge', footer: { text: 'gpt-4o-mini · cached · ask@1' } });
    expect(embed?.description).toBe(`**Q:** When did the bridge reopen?\n\nOn Monday.\n\n**${SUPPORT_HEADING}:**\n“The bridge reopened on Monday.”`);
    expect(message.allowedMentions).toEqual({ parse: [] });
  });

  it('labels offline passages as passages from the article, and says when the article does not say', () => {
    const offline = renderAnswerMessage(answered({ kind: 'passages', answer: null, provider: 'extractive', model: null, prompt: 'bm25@1' }));
    expect(offline.embeds[0]?.description).toContain(`**${PASSAGES_HEADING}:**\n“The bridge reopened on Monday.”`);
    expect(offline.embeds[0]?.footer?.text).toBe('offline search · bm25@1');
    const none = renderAnswerMessage(answered({ kind: 'not-found', answer: ARTICLE_DOESNT_SAY, support: [] }));
    expect(none.embeds[0]?.description).toBe(`**Q:** When did the bridge reopen?\n\n${ARTICLE_DOESNT_SAY}`);
  });

  it('stays within Discord’s limits however long the parts, cutting passages at a word with "…", and pings no one', () => {
    const long = 'word '.repeat(2000).trim();
    const message = renderAnswerMessage(answered({ answer: long, support: [long, long, long], notes: [long, long] }, `@everyone ${'why '.repeat(100)}`));
    assertWithinLimits(message);
    const description = message.embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
    expect(description).toMatch(/word…”/);
    expect(description).not.toContain('@everyone');
  });
});
