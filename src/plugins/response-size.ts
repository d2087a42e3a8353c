// Keeps every answer under what AWS Lambda can return: a larger one would reach the client as a gateway error with no
// GraphQL answer at all, so it is replaced by an error that says which page size fits.
import type { ExecutionResult } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { logger } from '../logger.ts';
import { MAX_RESPONSE_BYTES } from '../settings.ts';

type Result = ExecutionResult & { stringify?: (result: ExecutionResult) => string };

/**
 * Bytes `json` takes inside Lambda's response payload, where the body travels as a JSON string: every `"` and `\`
 * gains an escaping backslash. Counted by hand because no library measures an escaped length without building it.
 */
export function payloadBytes(json: string): number {
  let escapes = 2; // the string's own quotes
  for (let i = 0; i < json.length; i += 1) {
    const code = json.charCodeAt(i);
    if (code === 34 || code === 92) escapes += 1;
  }
  return Buffer.byteLength(json) + escapes;
}

/** Length of the longest list of objects under `key` in `value` (any key when `key` is undefined). */
function longestList(value: unknown, key?: string): number {
  if (!value || typeof value !== 'object') return 0;
  let longest = 0;
  for (const [name, item] of Object.entries(value)) {
    const counts = Array.isArray(item) && typeof item[0] === 'object' && item[0] !== null && (key === undefined || name === key);
    longest = Math.max(longest, counts ? item.length : 0, longestList(item, key));
  }
  return longest;
}

/** The page that made the answer large: its longest connection page (`edges`), else its longest list of objects. */
const pageLength = (data: unknown) => longestList(data, 'edges') || longestList(data);

const megabytes = (bytes: number) => (bytes / 1_000_000).toFixed(1);

/**
 * Measures each answer as serialized (serializing it once: yoga sends the same text) and replaces one larger than
 * MAX_RESPONSE_BYTES with RESPONSE_TOO_LARGE, whose `suggestedFirst` is a page size that would fit: the longest list
 * shrunk in proportion, with a tenth to spare for pages of longer articles.
 */
export function useResponseSizeLimit(limit = MAX_RESPONSE_BYTES): Plugin {
  return {
    onExecutionResult({ result, setResult }) {
      if (!result || Symbol.asyncIterator in result) return;
      const answer = result as Result;
      const text = (answer.stringify ?? JSON.stringify)(answer);
      // A UTF-16 unit takes at most 3 bytes plus 1 of escaping: short answers skip the count.
      const size = text.length * 4 <= limit ? 0 : payloadBytes(text);
      if (size <= limit) {
        // yoga serializes results with errors itself (it strips internal extensions first).
        if (!answer.errors?.length && !answer.extensions?.http) setResult({ ...answer, stringify: () => text });
        return;
      }
      const longest = pageLength(answer.data);
      const suggestedFirst = Math.max(1, Math.floor((longest * limit * 0.9) / size));
      logger.warn('response too large', { bytes: size, limit, longestList: longest, suggestedFirst });
      const message =
        `The answer would be ${megabytes(size)} MB, more than the ${megabytes(limit)} MB one response may carry. ` +
        `Ask for pages of at most ${suggestedFirst} (first: ${suggestedFirst}) and follow pageInfo.endCursor, or for fewer fields (sections hold most of an article).`;
      setResult({
        data: null,
        errors: [createGraphQLError(message, { extensions: { code: 'RESPONSE_TOO_LARGE', suggestedFirst, bytes: size, maximumBytes: limit } })],
        extensions: answer.extensions,
      });
    },
  };
}
