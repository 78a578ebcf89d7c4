import { FORMAT_ORDER } from './response-format.js';
import type { ResponseFormat } from './types.js';

/**
 * Which response format works at each base URL, learnt from `auto` step-downs, so that only the
 * first call to a server that lacks json_schema pays for the 400. Held by whoever creates the
 * clients (one per client by default; pass one in to share it between clients).
 */
export interface FormatMemory {
  /** The format to start at: the one last found to work, else the strictest. */
  startingFormat(baseUrl: string): ResponseFormat;
  /** Records that `baseUrl` refused a stricter format than `format`. Never moves back up. */
  stepDown(baseUrl: string, format: ResponseFormat): void;
}

export function createFormatMemory(): FormatMemory {
  const working = new Map<string, ResponseFormat>();
  return {
    startingFormat: (baseUrl) => working.get(normalize(baseUrl)) ?? 'json_schema',
    stepDown(baseUrl, format) {
      const key = normalize(baseUrl);
      const known = working.get(key);
      // Two calls in flight may both step down; keep the loosest, so neither undoes the other.
      if (known === undefined || FORMAT_ORDER.indexOf(format) > FORMAT_ORDER.indexOf(known)) working.set(key, format);
    },
  };
}

function normalize(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
