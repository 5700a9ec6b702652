/**
 * `POST /api/<channel>`: the JSON body is the request, the answer is the service's envelope
 * (HTTP 200 whether the call succeeded or not: the envelope says which). The transport's own
 * refusals use the same envelope shape with a 4xx status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Envelope } from '../shared/contract.js';
import { sendError, sendJson } from './httpReply.js';

export type Invoker = { invoke(channel: string, rawRequest: unknown): Promise<Envelope<unknown>> };

export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  channel: string,
  service: Invoker,
  maxBodyBytes: number,
): Promise<void> {
  if (req.method !== 'POST') {
    return sendError(
      res,
      405,
      {
        code: 'METHOD_NOT_ALLOWED',
        message: `${req.method} /api/${channel}: API calls are POST`,
        hint: 'Send the request as a JSON POST body.',
      },
      { Allow: 'POST' },
    );
  }
  const body = await readBody(req, maxBodyBytes);
  if (body === 'too-large') {
    // The rest of the upload is not read: close the connection once the answer is out.
    return sendError(
      res,
      413,
      {
        code: 'TOO_LARGE',
        message: `Request body is over ${maxBodyBytes} bytes`,
        hint: 'Send a smaller body.',
      },
      { Connection: 'close' },
    );
  }
  let request: unknown;
  if (body.length > 0) {
    try {
      request = JSON.parse(body.toString('utf8'));
    } catch (err) {
      return sendError(res, 400, {
        code: 'INVALID_REQUEST',
        message: `Request body is not valid JSON: ${(err as Error).message}`,
        hint: 'Send the request as a JSON object.',
      });
    }
  }
  sendJson(res, 200, await service.invoke(channel, request));
}

/** Stops reading (without destroying the socket, so the 413 can still be sent) once over the limit. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      resolve('too-large');
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
