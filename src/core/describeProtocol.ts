/**
 * The describe extension of the GoPlug protocol (docs/PROTOCOL.md, "Describe"): where a host asks
 * a plugin for its methods' descriptions and examples and for the callbacks it notifies, what the
 * answer looks like, and its limits. The registry reads answers with it and the SDK writes them,
 * so both agree on one schema.
 *
 * The path's first segment, `.well-known`, is one no method of a Go plugin can have (a Go runtime
 * name starts with a package path, whose elements never start with a dot): a Go plugin that knows
 * nothing of the extension routes it like any unknown method and answers 400.
 */
import { z } from 'zod';

export const DESCRIBE_PATH = '/.well-known/goplug/describe';
export const DESCRIBE_VERSION = 1;

export const DESCRIBE_LIMITS = {
  /** The answer's size; a larger one is cut off by the wire client (TOO_LARGE). */
  maxBytes: 1024 * 1024,
  /** The describe request's own deadline: a plugin that does not answer in time is used by names alone. */
  timeoutMs: 2000,
  /** Brackets nested in the answer; a describe answer needs 4. */
  maxDepth: 16,
  maxNames: 1000,
  maxNameChars: 1024,
  maxDescriptionChars: 4000,
  maxExampleChars: 64 * 1024,
  maxContentTypeChars: 200,
} as const;

const L = DESCRIBE_LIMITS;

export const bodyExampleSchema = z
  .object({
    body: z.string().max(L.maxExampleChars),
    contentType: z.string().min(1).max(L.maxContentTypeChars),
  })
  .strip();

export const describedNameSchema = z
  .object({
    name: z.string().min(1).max(L.maxNameChars),
    description: z.string().max(L.maxDescriptionChars).optional(),
    example: bodyExampleSchema.optional(),
  })
  .strip();

/** Unknown keys are ignored (left for later versions of the extension). */
export const describeAnswerSchema = z
  .object({
    version: z.literal(DESCRIBE_VERSION),
    methods: z.array(describedNameSchema).max(L.maxNames).default([]),
    callbacks: z.array(describedNameSchema).max(L.maxNames).default([]),
  })
  .strip();

export type DescribeAnswer = z.output<typeof describeAnswerSchema>;

export type DescribeParse = { ok: true; answer: DescribeAnswer } | { ok: false; reason: string };

/** Reads a describe answer's bytes; the reason names what is wrong and where (`methods.2.name`). */
export function parseDescribeAnswer(bytes: Uint8Array): DescribeParse {
  const depth = nestingDepth(bytes, L.maxDepth);
  if (depth > L.maxDepth) return { ok: false, reason: `it is nested more than ${L.maxDepth} levels deep` };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    return { ok: false, reason: `it is not UTF-8 JSON (${(err as Error).message})` };
  }
  const parsed = describeAnswerSchema.safeParse(value);
  if (parsed.success) return { ok: true, answer: parsed.data };
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'the answer'}: ${issue.message}`);
  return { ok: false, reason: issues.join('; ') };
}

/** The deepest bracket nesting, counted outside strings; stops counting once past `stopAbove`. */
function nestingDepth(bytes: Uint8Array, stopAbove: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c /* \ */) i++;
      else if (b === 0x22 /* " */) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b /* [ { */) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (b === 0x5d || b === 0x7d /* ] } */) depth--;
  }
  return deepest;
}
