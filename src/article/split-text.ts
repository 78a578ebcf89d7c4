import { countWords } from '../text/index.js';

/**
 * Turns pasted or plain-text input into paragraphs. Blank lines always split. Single line
 * breaks split too, unless the text is hard-wrapped prose, where they only continue a sentence.
 */
export function splitTextIntoParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = block.split('\n').map((line) => line.trim()).filter(Boolean);
    if (isHardWrapped(lines)) {
      paragraphs.push(lines.join(' '));
      continue;
    }
    let current = '';
    let previousLine = '';
    for (const line of lines) {
      // The paragraph so far ends as its last line does: testing that line, not the whole paragraph
      // joined so far, keeps a paste of many short lines linear (5 MB of one-word lines took 19 s).
      if (current && continuesSentence(previousLine, line)) current += ` ${line}`;
      else {
        if (current) paragraphs.push(current);
        current = line;
      }
      previousLine = line;
    }
    if (current) paragraphs.push(current);
  }
  return paragraphs;
}

/** Email and terminal text wraps at a fixed width: three or more lines of nearly equal length. */
function isHardWrapped(lines: readonly string[]): boolean {
  if (lines.length < 3) return false;
  // A loop rather than Math.min(...lengths): spreading a long paste's lines can overflow the call stack.
  let shortest = Infinity;
  let longest = 0;
  for (const line of lines.slice(0, -1)) {
    shortest = Math.min(shortest, line.length);
    longest = Math.max(longest, line.length);
  }
  return shortest >= 40 && longest <= 100 && longest - shortest <= 25;
}

/** A broken line: the previous one stops mid-sentence and this one carries on in lower case or after a comma. */
function continuesSentence(previous: string, line: string): boolean {
  if (/[.!?:;"”’)\]]$/.test(previous)) return false;
  return /^[\p{Ll}\d]/u.test(line) || /[,–—-]$/.test(previous);
}

/**
 * A first line that reads like a headline (short, no closing full stop) is the title. Pasted
 * articles usually start with one, and knowing it lets cleaning drop its repeats.
 */
export function takeTitleLine(paragraphs: readonly string[]): { title: string | null; body: string[] } {
  const [first, ...rest] = paragraphs;
  if (first === undefined || rest.length === 0) return { title: null, body: [...paragraphs] };
  // Counted word by word: a Thai lead has as few spaces as a headline, and no full stop either.
  const words = countWords(first);
  // Full-width 。！？ end Chinese and Japanese sentences, and 」 a Japanese quote: a lead, not a headline.
  const looksLikeHeadline = words <= 25 && first.length <= 200 && !/[.!?:;,"”。！？：；，」』]$/.test(first);
  return looksLikeHeadline ? { title: first, body: rest } : { title: null, body: [...paragraphs] };
}
