/**
 * What a collection file may say: the one source of the Collection types, of the JSON schema in
 * docs/collection.schema.json (scripts/collectionSchema.js) and of the Studio's checks. zod alone,
 * no Node: the renderer type-checks it too.
 */
import { z } from 'zod';

/** A request's deadline, as the console's (one hour at most). */
export const MAX_REQUEST_TIMEOUT_MS = 3_600_000;
export const COLLECTION_SUFFIX = '.collection.json';

const text = (what: string) => z.string({ error: `must be ${what}` });
const name = text('a string').min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const expectationSchema = z
  .object({
    status: z
      .number({ error: 'must be an HTTP status number' })
      .int('must be a whole number')
      .min(100, 'must be an HTTP status (100-599)')
      .max(599, 'must be an HTTP status (100-599)')
      .optional()
      .describe('The HTTP status the plugin answers; default 200.'),
    body: z
      .json()
      .optional()
      .describe(
        'The whole response body: a string is compared as text, any other JSON value with the body read as JSON.',
      ),
    bodyContains: text('a string')
      .optional()
      .describe('Text the response body contains.'),
    json: z
      .json()
      .optional()
      .describe(
        'A JSON subset: the body read as JSON has at least these members (objects may have more; arrays match item by item).',
      ),
    maxMs: z
      .number({ error: 'must be a number of milliseconds' })
      .positive('must be more than 0')
      .optional()
      .describe('The request takes at most this long, in milliseconds.'),
  })
  .strict();

export const collectionRequestSchema = z
  .object({
    name: name.describe('Names the request in reports; unique in its collection.'),
    plugin: text('a plugin id such as "demo/echo"')
      .min(1, 'must not be empty')
      .describe('The plugin id, "<NameSpace>/<Name>" (or "<Name>" without a namespace).'),
    method: text('a method name')
      .min(1, 'must not be empty')
      .max(1024, 'must be at most 1024 characters')
      .describe('The method called: POST /<method>.'),
    body: z
      .json()
      .optional()
      .describe('A string is sent as it is (UTF-8, or base64-decoded with bodyEncoding "base64"); any other JSON value is sent as JSON. None: an empty body.'),
    bodyEncoding: z
      .enum(['utf8', 'base64'], { error: 'must be "utf8" or "base64"' })
      .optional()
      .describe('How a string body is written; default "utf8".'),
    contentType: text('a string')
      .regex(/^[!-~][ -~]{0,254}$/, 'must be a media type in printable ASCII, at most 255 characters, e.g. "text/plain"')
      .optional()
      .describe('The Content-Type sent with a body; default application/json (what the Go host sends).'),
    timeoutMs: z
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(1, 'must be at least 1 ms')
      .max(MAX_REQUEST_TIMEOUT_MS, `must be at most ${MAX_REQUEST_TIMEOUT_MS} ms (one hour)`)
      .optional()
      .describe("The request's deadline in milliseconds; default the runner's (the Studio's setting, 30 s in goplug test)."),
    expect: expectationSchema.optional().describe('What the answer must be; default: status 200.'),
  })
  .strict()
  .refine((r) => r.bodyEncoding !== 'base64' || (typeof r.body === 'string' && isBase64(r.body)), {
    message: 'must be a base64 string (bodyEncoding is "base64")',
    path: ['body'],
  });

/** Strict: Buffer.from(x, 'base64') would silently skip what is not base64. */
function isBase64(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
}

export const collectionSchema = z
  .object({
    $schema: z.string().optional().describe('The JSON schema, for editors.'),
    name,
    description: z.string().max(10_000).optional(),
    requests: z.array(collectionRequestSchema, { error: 'must be an array of requests' }).max(10_000),
  })
  .strict()
  .superRefine((collection, ctx) => {
    const seen = new Set<string>();
    collection.requests.forEach((request, i) => {
      if (seen.has(request.name)) {
        ctx.addIssue({ code: 'custom', message: 'is used by an earlier request: names must be unique', path: ['requests', i, 'name'] });
      }
      seen.add(request.name);
    });
  });

export type Collection = z.output<typeof collectionSchema>;
export type CollectionRequest = z.output<typeof collectionRequestSchema>;
export type Expectation = z.output<typeof expectationSchema>;

/** The JSON schema editors and CI tools read, generated from the zod schema (never kept by hand). */
export function collectionJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(collectionSchema, { io: 'input' }),
    title: 'GoPlug collection',
    description: 'Saved requests to GoPlug plugins with what their answers must be (docs/COLLECTIONS.md).',
  };
}
