/** Node's UTF-8 decoder for the core's line ingest (invalid bytes become U+FFFD). */
import type { Utf8Decoder } from '../core/formats/lineIngest';

export const decodeUtf8: Utf8Decoder = (bytes, start, end) =>
  Buffer.isBuffer(bytes)
    ? bytes.toString('utf8', start, end)
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', start, end);
