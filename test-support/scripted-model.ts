import type { ChatRequestBody } from './fake-openai.js';

/**
 * A stand-in model for the fake OpenAI server: it reads the article (or the notes) out of the
 * request and answers what the prompt's schema asks for, built from the text it was given, so
 * summaries, quotes and claims can be checked against the source.
 */

const FENCES = /<(article|article-part|notes)>\n([\s\S]*?)\n<\/\1>/;
/** The prompts put the page's title first inside the data block; the model's material is what follows. */
const TITLE_LINE = /^Title: [^\n]*\n\n/;

export function promptOf(body: ChatRequestBody): { kind: string; text: string } {
  const user = body.messages.find((message) => message.role === 'user')?.content ?? '';
  const match = FENCES.exec(user);
  return { kind: match?.[1] ?? 'none', text: (match?.[2] ?? '').replace(TITLE_LINE, '') };
}

/** Direct quotes in the text, without their marks: the material a model would copy. */
export function quotesIn(text: string): string[] {
  return [...text.matchAll(/[“"]([^”"]{12,400})[”"]/g)].map((match) => (match[1] ?? '').replace(/[,.]$/, ''));
}

/** One word in five changed: a "mangled" quote that is close to, but not, the source. */
export function mangle(quote: string): string {
  return quote
    .split(' ')
    .map((word, index) => (index % 5 === 2 ? `${word}s` : word))
    .join(' ');
}

export interface ScriptOptions {
  /** Share of quotes to mangle (0 to 1), counted deterministically. */
  mangleShare?: number;
  /** Add a quote that is nowhere in the source. */
  inventQuote?: boolean;
  /** Add a bullet with a number and a name that are not in the source. */
  inventClaim?: boolean;
  /** Give every quote this speaker, as a model that mixes up who said what does. */
  speaker?: string;
}

export function scriptedReply(body: ChatRequestBody, options: ScriptOptions = {}): object {
  const { kind, text } = promptOf(body);
  const user = body.messages.find((message) => message.role === 'user')?.content ?? '';
  const question = /<question>\n([\s\S]*?)\n<\/question>/.exec(user)?.[1];
  if (question !== undefined) return askReply(text, question);
  const stories = /<stories>\n([\s\S]*?)\n<\/stories>/.exec(user)?.[1];
  if (stories !== undefined) {
    // The digest prompt: a briefing built from the story titles it was given.
    const titles = stories.split('\n').filter((line) => /^\d+\. /.test(line)).map((line) => line.replace(/^\d+\. /, ''));
    return { briefing: `Today: ${titles.join('; ')}.`, language: 'en' };
  }
  const sentences = text.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.split(' ').length > 5);
  const system = body.messages.find((message) => message.role === 'system')?.content ?? '';
  const bulletCount = Number(/bullets: (?:up to )?(\d+)/.exec(system)?.[1] ?? 3);
  const bullets = sentences.slice(0, bulletCount);
  if (options.inventClaim) bullets.push('Officials said 4,711 people were moved by Colonel Zed Quartermain.');
  if (kind === 'notes') {
    const notes = text.split('\n').filter((line) => line.startsWith('- ')).map((line) => line.slice(2));
    return { headline: 'Combined summary', bullets: notes.slice(0, bulletCount), language: 'en' };
  }
  const found = quotesIn(text);
  const mangleEvery = options.mangleShare ? Math.round(1 / options.mangleShare) : 0;
  const quotes: Array<{ text: string; speaker: string | null; context: string }> = found.map((quote, index) => ({
    text: mangleEvery && index % mangleEvery === 0 ? mangle(quote) : quote,
    speaker: options.speaker ?? null,
    context: '',
  }));
  if (options.inventQuote) quotes.push({ text: 'We will win this war by Christmas, no matter the cost', speaker: 'Nobody Real', context: '' });
  if (kind === 'article-part') return { bullets, quotes };
  return { headline: sentences[0]?.slice(0, 80) ?? 'Headline', bullets, quotes, language: 'en' };
}

/**
 * The ask prompt: the article's sentence sharing the most words (of four letters or more) with the
 * question, copied as the answer and its support; "The article doesn't say." when none shares two.
 */
export function askReply(text: string, question: string): { answer: string; support: string[] } {
  const words = (part: string) => new Set(part.toLowerCase().match(/\p{L}{4,}/gu) ?? []);
  const asked = words(question);
  const scored = text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => ({ sentence: sentence.trim(), shared: [...words(sentence)].filter((word) => asked.has(word)).length }))
    .sort((a, b) => b.shared - a.shared);
  const best = scored[0];
  if (!best || best.shared < 2) return { answer: "The article doesn't say.", support: [] };
  return { answer: best.sentence, support: [best.sentence] };
}
