import type { Article } from '../article/types.js';
import { summaryFooterLine } from '../summarize/describe-engine.js';
import type { ArticleSummary } from '../summarize/summarize-article.js';

/** The text output shows the top five quotes; `--json` has them all. */
const QUOTES_SHOWN = 5;

export function renderSummaryText({ article, result, stats, cached }: ArticleSummary): string {
  const lines = [result.headline, `Source: ${describeSource(article)}`, '', 'Summary'];
  for (const bullet of result.bullets) lines.push(`  • ${bullet}`);
  if (result.quotes.length > 0) {
    lines.push('', 'Key quotes');
    for (const quote of result.quotes.slice(0, QUOTES_SHOWN)) {
      lines.push(`  “${quote.text}” — ${quote.speaker ?? 'unattributed'}`);
    }
    if (result.quotes.length > QUOTES_SHOWN) lines.push(`  (${result.quotes.length - QUOTES_SHOWN} more with --json)`);
  }
  if (result.notes.length > 0) {
    lines.push('', 'Notes');
    for (const note of result.notes) lines.push(`  ! ${note}`);
  }
  lines.push('', summaryFooterLine({ result, stats, cached }));
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
  return [metadata.title ?? '(untitled)', ...facts.map(([label, value]) => `${label}: ${value}`), '', article.text].join('\n');
}

function describeSource(article: Article): string {
  const { source } = article;
  return source.url ?? source.path ?? (source.kind === 'stdin' ? 'standard input' : 'pasted text');
}
