type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** An answer longer than this is not read: no model asked for at most a few thousand tokens writes one. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** The endpoint sent more than we read; the body was cancelled where the limit was crossed. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`the answer was larger than ${formatBytes(maxBytes)}, so it was not read`);
  }
}

/**
 * The SDK reads a whole body into memory, success or error, however large; a broken or hostile
 * endpoint could send gigabytes. This fetch counts the bytes (after decompression, so a small
 * compressed body cannot unpack into a large one) and fails the read once there are too many.
 */
export function fetchWithBodyLimit(maxBytes: number = MAX_RESPONSE_BYTES, fetchImplementation: Fetch = fetch): Fetch {
  return async (input, init) => {
    const response = await fetchImplementation(input, init);
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    const encoded = response.headers.has('content-encoding');
    if (!encoded && Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(maxBytes);
    }
    if (!response.body) return response;
    let seen = 0;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) controller.error(new ResponseTooLargeError(maxBytes));
          else controller.enqueue(chunk);
        },
      }),
    );
    const headers = new Headers(response.headers);
    // The body handed on is already decoded.
    headers.delete('content-encoding');
    headers.delete('content-length');
    return new Response(counted, { status: response.status, statusText: response.statusText, headers });
  };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
