import type { APIEmbed } from 'discord.js';
import { ARTICLE_DOESNT_SAY, type AnsweredQuestion } from '../../summarize/index.js';
import { EMBED_FIELD_VALUE_MAX, EMBED_FOOTER_TEXT_MAX, EMBED_TITLE_MAX } from './discord-limits.js';
import { clean, FIELD_NOTES, plainLine, renderNotes } from './embed-text.js';
import { fitText } from './fit-text.js';
import { NO_MENTIONS } from './neutralise-mentions.js';
import type { RenderedMessage } from './summary-embed.js';
import { articleUrl } from './summary-embed.js';

/** The words a reader sees when no model wrote the answer. */
const OFFLINE_SEARCH = 'offline search';
export const SUPPORT_HEADING = 'From the article';
export const PASSAGES_HEADING = 'Passages from the article that best match your question';
const QUESTION_MAX = 300;
const ANSWER_MAX = 700;
/** Three passages of this length, the question and the answer stay well inside a 4096-character description. */
const PASSAGE_MAX = 900;

/**
 * The answer to /ask and the Ask button: the article's title (a link to it), the question, the
 * short answer, and the passages quoted from the article; or "The article doesn't say." A passage
 * longer than its room is cut at a word and ends with "…", as quotes are. The footer says what
 * answered, `gpt-4o-mini · cached · ask@1` or `offline search · bm25@1`.
 */
export function renderAnswerMessage(answered: AnsweredQuestion): RenderedMessage {
  const { article, question, result } = answered;
  const url = articleUrl(article);
  const title = plainLine(article.metadata.title ?? '', EMBED_TITLE_MAX) || 'The article';
  const parts = [`**Q:** ${fitText(clean(question), QUESTION_MAX)}`];
  if (result.kind === 'not-found') {
    parts.push(ARTICLE_DOESNT_SAY);
  } else {
    if (result.kind === 'answer' && result.answer) parts.push(fitText(clean(result.answer), ANSWER_MAX));
    const heading = result.kind === 'answer' ? SUPPORT_HEADING : PASSAGES_HEADING;
    parts.push([`**${heading}:**`, ...result.support.map((passage) => `“${fitText(clean(passage), PASSAGE_MAX)}”`)].join('\n'));
  }
  const engine = result.provider === 'openai' && result.model ? result.model : OFFLINE_SEARCH;
  const footer = plainLine([engine, ...(answered.cached ? ['cached'] : []), result.prompt].join(' · '), EMBED_FOOTER_TEXT_MAX);
  const notes = renderNotes(result.notes, EMBED_FIELD_VALUE_MAX);
  const embed: APIEmbed = {
    title,
    ...(url ? { url } : {}),
    description: parts.join('\n\n'),
    ...(notes ? { fields: [{ name: FIELD_NOTES, value: notes }] } : {}),
    footer: { text: footer },
  };
  return { embeds: [embed], components: [], allowedMentions: NO_MENTIONS };
}
