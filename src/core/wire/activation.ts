/**
 * Reads an Activate answer. The Go plugin sends a JSON array with one name per registry entry
 * (`""` for each built-in) and appends the activator's raw bytes right after it, so the body is
 * `["main.Do","","","",""]extra bytes`: the array must be cut out before it can be parsed.
 */
export type ActivationParse = { ok: true; methods: string[]; output: Buffer } | { ok: false; reason: string };

export function parseActivation(body: Buffer): ActivationParse {
  const start = skipWhitespace(body, 0);
  if (body[start] !== 0x5b /* [ */) return { ok: false, reason: 'the body does not start with a JSON array' };
  const end = endOfValue(body, start);
  if (end === undefined)
    return { ok: false, reason: 'the JSON array at the start of the body is not complete' };

  let names: unknown;
  try {
    names = JSON.parse(body.subarray(start, end).toString('utf8'));
  } catch (err) {
    return {
      ok: false,
      reason: `the array at the start of the body is not valid JSON (${(err as Error).message})`,
    };
  }
  if (!Array.isArray(names) || !names.every((n): n is string => typeof n === 'string')) {
    return {
      ok: false,
      reason: 'the array at the start of the body holds something other than method names',
    };
  }
  // The empty names stand for the built-ins (Activate, Stop, RegisterCallback, Ping): not callable.
  return { ok: true, methods: names.filter((n) => n !== ''), output: body.subarray(end) };
}

function skipWhitespace(bytes: Buffer, from: number): number {
  let i = from;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  return i;
}

/**
 * Index just past the bracketed JSON value that starts at `from`, or undefined when the bytes
 * end first. Scanning bytes is safe for UTF-8: no byte of a multi-byte character is ASCII.
 */
function endOfValue(bytes: Buffer, from: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c /* \ */) i++;
      else if (b === 0x22 /* " */) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b /* [ { */) depth++;
    else if (b === 0x5d || b === 0x7d /* ] } */) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}
