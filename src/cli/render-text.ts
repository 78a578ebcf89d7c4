import type { Article } from '../article/types.js';
import { summaryFooterLine, type ArticleSummary } from '../summarize/index.js';
import { terminalBlock, terminalLine } from './terminal-text.js';

/** The text output shows the top five quotes; `--json` has them all. */
const QUOTES_SHOWN = 5;

/*
 * Text output is for terminals: every string that came from a page, a file name, a URL or a model
 * goes through terminalLine (or terminalBlock, for the article's text), which removes escape
 * sequences and control characters and neutralises mentions. `--json` (summary-json.ts) is exact.
 */

export function renderSummaryText({ article, result, stats, cached }: ArticleSummary): string {
  const lines = [terminalLine(result.headline), `Source: ${describeSource(article)}`, '', 'Summary'];
  for (const bullet of result.bullets) lines.push(`  • ${terminalLine(bullet)}`);
  if (result.quotes.length > 0) {
    lines.push('', 'Key quotes');
    for (const quote of result.quotes.slice(0, QUOTES_SHOWN)) {
      lines.push(`  “${terminalLine(quote.text)}” — ${quote.speaker === null ? 'unattributed' : terminalLine(quote.speaker)}`);
    }
    if (result.quotes.length > QUOTES_SHOWN) lines.push(`  (${result.quotes.length - QUOTES_SHOWN} more with --json)`);
  }
  if (result.notes.length > 0) {
    lines.push('', 'Notes');
    for (const note of result.notes) lines.push(`  ! ${terminalLine(note)}`);
  }
  // The model's name is configuration, or a server's answer.
  lines.push('', terminalLine(summaryFooterLine({ result, stats, cached })));
  return lines.join('\n');
}

export function renderArticleText(article: Article): string {
  const { metadata } = article;
  const facts = [
    ['Source', describeSource(article)],
    ['By', metadata.byline],
    ['Site', metadata.siteName],
    ['Published', metadata.publishedTime],
    ['Canonical', metadata.canonicalUrl],
    ['Language', metadata.language],
    ['Words', String(article.wordCount)],
  ].filter((fact): fact is [string, string] => Boolean(fact[1]));
  const title = metadata.title === null ? '' : terminalLine(metadata.title);
  return [title || '(untitled)', ...facts.map(([label, value]) => `${label}: ${terminalLine(value)}`), '', terminalBlock(article.text)].join('\n');
}

function describeSource(article: Article): string {
  const { source } = article;
  const named = source.url ?? source.path;
  return named === null ? (source.kind === 'stdin' ? 'standard input' : 'pasted text') : terminalLine(named);
}
