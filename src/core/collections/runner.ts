/**
 * Runs a collection against the plugins of a registry, one request after another, for the CLI
 * (`goplug test`) and the Studio alike: finds each plugin, starts the ones not started yet (lazy
 * plugins), calls with the request's deadline, checks the answer, and reports each request as it
 * ends. A cancel (the signal) cuts the call in flight short and runs nothing more.
 */
import { performance } from 'node:perf_hooks';
import { GoPlugError, isGoPlugError } from '../errors.js';
import type { PluginSnapshot } from '../types.js';
import type { CallOptions, WireResponse } from '../wire/types.js';
import type { Collection, CollectionRequest } from './collectionSchema.js';
import { checkAnswer, shortText } from './expectations.js';
import type { CollectionRun, Difference, RequestResult } from './runResults.js';

export type { CollectionRun, RequestResult } from './runResults.js';

/** What the runner needs of a registry (PluginRegistry has it). */
export interface RunTarget {
  get(id: string): PluginSnapshot | undefined;
  start(id: string): Promise<PluginSnapshot>;
  stop(id: string): Promise<PluginSnapshot>;
  execute(id: string, method: string, body?: Buffer | string, opts?: CallOptions): Promise<WireResponse>;
}

export interface RunOptions {
  /** Deadline of a request without its own timeoutMs. */
  timeoutMs: number;
  maxResponseBytes?: number;
  /** Told each result as soon as it is known. */
  onResult?: (result: RequestResult) => void;
  signal?: AbortSignal;
  /**
   * Plugins this run had to start, across every collection of the run: stopped by `stopStarted`.
   * Pass one set to several runs so a plugin is started once.
   */
  started?: Set<string>;
}

export async function runCollection(target: RunTarget, collection: Collection, options: RunOptions): Promise<CollectionRun> {
  const began = performance.now();
  const results: RequestResult[] = [];
  const started = options.started ?? new Set<string>();
  for (const request of collection.requests) {
    if (options.signal?.aborted) break;
    const result = await runRequest(target, request, options, started);
    // A request cut short by the cancel is not a failure of the plugin: it is not reported.
    if (options.signal?.aborted) break;
    results.push(result);
    options.onResult?.(result);
  }
  return {
    name: collection.name,
    results,
    cancelled: results.length < collection.requests.length,
    durationMs: performance.now() - began,
  };
}

/** Stops the plugins a run started (what a Go host does when it is done with them); never throws. */
export async function stopStarted(target: RunTarget, started: Set<string>): Promise<void> {
  await Promise.all([...started].map((id) => target.stop(id).catch(() => undefined)));
  started.clear();
}

async function runRequest(
  target: RunTarget,
  request: CollectionRequest,
  options: RunOptions,
  started: Set<string>,
): Promise<RequestResult> {
  const base = { name: request.name, plugin: request.plugin, method: request.method };
  try {
    await ensureStarted(target, request.plugin, started);
  } catch (err) {
    return { ...base, passed: false, status: null, durationMs: 0, differences: [callFailed('started', err)] };
  }
  const sentAt = performance.now();
  try {
    const answer = await target.execute(request.plugin, request.method, requestBody(request), {
      timeoutMs: request.timeoutMs ?? options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      signal: options.signal,
      ...(request.contentType !== undefined && { contentType: request.contentType }),
    });
    const differences = checkAnswer(request.expect, answer);
    return { ...base, passed: differences.length === 0, status: answer.status, durationMs: answer.durationMs, differences };
  } catch (err) {
    const durationMs = performance.now() - sentAt;
    return { ...base, passed: false, status: null, durationMs, differences: [callFailed('answered', err)] };
  }
}

async function ensureStarted(target: RunTarget, id: string, started: Set<string>): Promise<void> {
  if (target.get(id)?.state === 'started') return;
  try {
    await target.start(id);
    started.add(id);
  } catch (err) {
    // Started meanwhile by someone else (the Studio's console, another run): what was needed.
    if (!(isGoPlugError(err) && err.code === 'ALREADY_STARTED')) throw err;
  }
}

/** A string is sent as written (or base64-decoded); any other JSON value as JSON. */
export function requestBody(request: CollectionRequest): Buffer | undefined {
  const { body } = request;
  if (body === undefined) return undefined;
  if (typeof body !== 'string') return Buffer.from(JSON.stringify(body), 'utf8');
  return Buffer.from(body, request.bodyEncoding === 'base64' ? 'base64' : 'utf8');
}

function callFailed(step: 'started' | 'answered', err: unknown): Difference {
  const code = err instanceof GoPlugError ? err.code : 'ERROR';
  const message = err instanceof Error ? err.message : String(err);
  return { check: 'call', expected: `the plugin ${step}`, actual: shortText(`${code}: ${message}`) };
}
