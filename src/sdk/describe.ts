/**
 * What a plugin says of its methods and callbacks, and its answer to the describe request
 * (docs/PROTOCOL.md, "Describe"). Declarations are checked when they are made, against the limits
 * a host applies to the answer, so a plugin cannot start with an answer every host would refuse.
 */
import { DESCRIBE_LIMITS, DESCRIBE_VERSION } from '../core/describeProtocol.js';
import type { BodyExample, DescribedName } from '../core/types.js';
import { goJson } from '../core/text/goJson.js';
import type { Payload } from './toBytes.js';

export interface DescribeOptions {
  /** What it does, in a sentence or two; shown by the Studio beside its name. */
  description?: string;
  /**
   * A body to send (to a method) or a body it sends (a callback). Text is taken as it is, bytes
   * as UTF-8; any other value becomes indented JSON.
   */
  example?: Payload;
  /**
   * The example's Content-Type. Default: `application/json` for a value given as JSON, or text
   * that parses as a JSON object or array; `text/plain` for other text.
   */
  contentType?: string;
}

const JSON_TYPE = 'application/json';
const TEXT_TYPE = 'text/plain';

/** Throws a TypeError naming the method or callback and what is wrong. */
export function describedName(
  kind: 'Method' | 'Callback',
  name: string,
  options: DescribeOptions,
): DescribedName {
  const what = `${kind} ${JSON.stringify(name)}`;
  const item: DescribedName = { name };
  if (name.length > DESCRIBE_LIMITS.maxNameChars) {
    throw new TypeError(`${what}: the name is longer than ${DESCRIBE_LIMITS.maxNameChars} characters`);
  }
  if (options.description !== undefined) {
    if (typeof options.description !== 'string') throw new TypeError(`${what}: description must be a string`);
    if (options.description.length > DESCRIBE_LIMITS.maxDescriptionChars) {
      throw new TypeError(
        `${what}: the description is longer than ${DESCRIBE_LIMITS.maxDescriptionChars} characters`,
      );
    }
    item.description = options.description;
  }
  const example = bodyExample(what, options);
  if (example !== undefined) item.example = example;
  return item;
}

function bodyExample(what: string, { example, contentType }: DescribeOptions): BodyExample | undefined {
  if (example === undefined) {
    if (contentType !== undefined) throw new TypeError(`${what}: a contentType needs an example`);
    return undefined;
  }
  let body: string;
  let inferred: string;
  if (typeof example === 'string') {
    body = example;
    inferred = looksLikeJson(example) ? JSON_TYPE : TEXT_TYPE;
  } else if (example instanceof Uint8Array) {
    try {
      body = new TextDecoder('utf-8', { fatal: true }).decode(example);
    } catch {
      throw new TypeError(`${what}: the example's bytes are not UTF-8 text`);
    }
    inferred = looksLikeJson(body) ? JSON_TYPE : TEXT_TYPE;
  } else {
    let json: string | undefined;
    try {
      json = JSON.stringify(example, null, 2);
    } catch (err) {
      throw new TypeError(`${what}: the example has no JSON form: ${(err as Error).message}`, { cause: err });
    }
    if (json === undefined) throw new TypeError(`${what}: the example has no JSON form`);
    body = json;
    inferred = JSON_TYPE;
  }
  if (body.length > DESCRIBE_LIMITS.maxExampleChars) {
    throw new TypeError(`${what}: the example is longer than ${DESCRIBE_LIMITS.maxExampleChars} characters`);
  }
  const type = contentType ?? inferred;
  if (typeof type !== 'string' || type === '' || type.length > DESCRIBE_LIMITS.maxContentTypeChars) {
    throw new TypeError(
      `${what}: contentType must be 1 to ${DESCRIBE_LIMITS.maxContentTypeChars} characters`,
    );
  }
  return { body, contentType: type };
}

function looksLikeJson(text: string): boolean {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The describe answer's bytes; methods in registration order, as Activate lists them. */
export function describeBody(methods: Iterable<DescribedName>, callbacks: Iterable<DescribedName>): Buffer {
  return Buffer.from(
    goJson({ version: DESCRIBE_VERSION, methods: [...methods], callbacks: [...callbacks] }),
    'utf8',
  );
}
