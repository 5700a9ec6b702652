/**
 * `POST /api/<channel>`: the JSON body is the request, the answer is the service's envelope
 * (HTTP 200 whether the call succeeded or not: the envelope says which). The transport's own
 * refusals use the same envelope shape with a 4xx status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readRequestBody } from '../core/requestBody.js';
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
  let body: Buffer;
  try {
    body = await readRequestBody(req, maxBodyBytes);
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
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
