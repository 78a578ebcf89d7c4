import { neutraliseMentions } from '../discord/render/neutralise-mentions.js';

/**
 * Text from a page or a model, made safe to print on a terminal. A page can carry escape
 * sequences (as raw bytes or as `&#27;` in HTML) that clear the screen, retitle the window, hide
 * a link behind other text (OSC 8) or overwrite a line with a carriage return; a model can echo
 * them. None of that reaches the terminal: what is printed is what a reader sees.
 *
 * Removed: ESC sequences of every kind (CSI `ESC [`, OSC `ESC ]`, DCS, SOS, PM and APC strings up
 * to their terminator, and two-character escapes), their 8-bit C1 forms, and every other C0 and
 * C1 control character and DEL. Line breaks (LF, CR, CRLF, VT, FF) and tabs become a space in a
 * one-line field, or LF / a space in a block. Mentions are neutralised as in the Discord embeds,
 * because terminal output gets pasted into Discord: `@everyone`, `@here`, `<@…>`, `<@!…>`, `<@&…>`
 * and `<#…>` get a zero-width space after the `@` or `#`. `--json` prints the exact text instead.
 */

const ZERO_WIDTH_SPACE = '\u200B';

/** OSC, DCS, SOS, PM, APC (7-bit `ESC ] P X ^ _` or 8-bit) up to BEL or ST (`ESC \` or 0x9C). */
const CONTROL_STRING = /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)/g;
/** CSI (`ESC [` or 0x9B): parameter bytes, intermediate bytes, one final byte. */
const CSI = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]/g;
/** Any other escape: ESC, intermediate bytes, one final byte (ESC c, ESC ( B, ESC 7…). */
const ESCAPE = /\x1b[\x20-\x2f]*[\x30-\x7e]/g;
/** What is left: C0 except tab and the line breaks, DEL, C1 (a lone ESC or an unterminated string's introducer too). */
const CONTROL = /[\x00-\x08\x0e-\x1f\x7f-\x9f]/g;

function stripControls(text: string): string {
  return text.replace(CONTROL_STRING, '').replace(CSI, '').replace(ESCAPE, '').replace(CONTROL, '');
}

function neutralise(text: string): string {
  return neutraliseMentions(text).replace(/<#(\d+)>/g, `<#${ZERO_WIDTH_SPACE}$1>`);
}

/** One line of outside text: controls and escapes removed, every run of whitespace one space. */
export function terminalLine(text: string): string {
  return neutralise(stripControls(text).replace(/\s+/g, ' ').trim());
}

/** Outside text of several lines (an article's text): as `terminalLine`, but line breaks stay, as LF. */
export function terminalBlock(text: string): string {
  return neutralise(
    stripControls(text)
      .replace(/\r\n?|[\v\f\u2028\u2029]/g, '\n')
      .replace(/\t/g, ' '),
  );
}
