/**
 * What a plugin's answer to the describe request means (docs/PROTOCOL.md, "Describe"). A plugin
 * that does not know the extension answers as it does to any unknown path: the Go plugin 400, an
 * ordinary HTTP server 404 (or 405, 501). Anything else that is not a valid answer is `invalid`,
 * with the reason in words: never fatal, the plugin is then used by its method names alone.
 */
import { parseDescribeAnswer, type DescribeAnswer } from '../describeProtocol.js';
import { bodyPreview } from './bodyPreview.js';
import type { WireResponse } from './types.js';

export type DescribeOutcome =
  | { kind: 'described'; answer: DescribeAnswer }
  | { kind: 'unsupported'; status: number }
  | { kind: 'invalid'; reason: string };

const UNKNOWN_PATH_STATUSES = new Set([400, 404, 405, 501]);

export function describeOutcome(res: WireResponse): DescribeOutcome {
  if (UNKNOWN_PATH_STATUSES.has(res.status)) return { kind: 'unsupported', status: res.status };
  if (res.status !== 200)
    return { kind: 'invalid', reason: `it answered ${res.status} ${bodyPreview(res.body)}` };
  const parsed = parseDescribeAnswer(res.body);
  return parsed.ok
    ? { kind: 'described', answer: parsed.answer }
    : { kind: 'invalid', reason: parsed.reason };
}
