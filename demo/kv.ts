/**
 * Sample plugin demo/kv (LazyLoad): an in-memory key/value store with JSON bodies.
 *   Set    {"key":"k","value":<any JSON>}  -> {"key":"k","value":<value>}
 *   Get    {"key":"k"}                     -> {"key":"k","value":<value>}
 *   Delete {"key":"k"}                     -> {"key":"k","deleted":true|false}
 *   List   (no body)                       -> ["k", ...] sorted
 * Every failure (bad body, unknown key) is a 500 whose body is the message, like any SDK method.
 * Run: node dist/demo/kv.js --dir DIR (or with GOPLUG_PLUGIN_DIR set).
 */
import { createPlugin, pluginFolderFromArgs, runPlugin, type JsonValue } from '../src/sdk/index.js';

const store = new Map<string, JsonValue>();

void runPlugin(() =>
  createPlugin({ folder: pluginFolderFromArgs(), namespace: 'demo', name: 'kv', lazyLoad: true })
    .method(
      'Set',
      (body) => {
        const { key, value } = parseRequest('Set', body, true);
        store.set(key, value);
        return { key, value };
      },
      { description: 'Stores any JSON value under a key; answers what it stored.', example: { key: 'greeting', value: 'hello' } },
    )
    .method(
      'Get',
      (body) => {
        const { key } = parseRequest('Get', body, false);
        const value = store.get(key);
        if (value === undefined) throw new Error(`No such key: ${JSON.stringify(key)}`);
        return { key, value };
      },
      { description: 'Answers the value stored under a key; a key never set is a 500.', example: { key: 'greeting' } },
    )
    .method(
      'Delete',
      (body) => {
        const { key } = parseRequest('Delete', body, false);
        return { key, deleted: store.delete(key) };
      },
      { description: 'Removes a key; answers whether it was there.', example: { key: 'greeting' } },
    )
    .method('List', () => [...store.keys()].sort(), { description: 'Answers every key, sorted. Takes no body.' }),
);

function parseRequest(method: string, body: Buffer, needsValue: boolean): { key: string; value: JsonValue } {
  const example = needsValue ? '{"key":"k","value":"v"}' : '{"key":"k"}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new Error(`${method} needs a JSON body like ${example}: ${(err as Error).message}`, { cause: err });
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { key?: unknown }).key !== 'string') {
    throw new Error(`${method} needs a JSON object with a string "key", like ${example}`);
  }
  const { key, value } = parsed as { key: string; value?: JsonValue };
  if (needsValue && value === undefined) throw new Error(`${method} needs a "value", like ${example}`);
  return { key, value: value ?? null };
}
