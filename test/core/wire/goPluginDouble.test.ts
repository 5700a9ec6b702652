/**
 * The test double must answer like the recorded Go plugin: replay the recorded requests, byte
 * for byte, over raw sockets and compare every answer with the recording (the Date value aside).
 */
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { withDeadline } from '../../../src/core/withDeadline.js';
import { startGoPluginDouble, type GoPluginDouble } from '../../helpers/goPluginDouble.js';
import { tempFolder } from '../../helpers/tempFolder.js';
import { readSocatLog, withoutDate, type Transfer } from '../../helpers/wireRecording.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/goplug-wire');
const curlLog = readSocatLog(path.join(FIXTURES, 'curl-vs-plugin.socat.log'));
const goHostLog = readSocatLog(path.join(FIXTURES, 'go-host-vs-plugin.socat.log'));

/** A raw client connection that collects what arrives. */
function rawConnection(
  sock: string,
): Promise<{ socket: net.Socket; read(n: number): Promise<Buffer>; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ path: sock });
    let received = Buffer.alloc(0);
    let wake: (() => void) | undefined;
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      wake?.();
    });
    socket.on('close', () => wake?.());
    socket.once('error', reject);
    const read = async (n: number): Promise<Buffer> => {
      while (received.length < n && !socket.destroyed) await new Promise<void>((w) => (wake = w));
      const out = received.subarray(0, n);
      received = received.subarray(n);
      return out;
    };
    socket.once('connect', () => resolve({ socket, read, closed }));
  });
}

function pairs(log: Transfer[]): Array<{ request: Buffer; response: Buffer | undefined }> {
  const out: Array<{ request: Buffer; response: Buffer | undefined }> = [];
  for (const t of log) {
    if (t.direction === 'to-plugin') out.push({ request: t.bytes, response: undefined });
    else out[out.length - 1]!.response = t.bytes;
  }
  return out;
}

const requestPath = (request: Buffer): string => request.toString('latin1').split(' ')[1] ?? '';

let double: GoPluginDouble | undefined;
let folder: Awaited<ReturnType<typeof tempFolder>> | undefined;
afterEach(async () => {
  await double?.close();
  await folder?.remove();
  double = undefined;
  folder = undefined;
});

async function start(): Promise<GoPluginDouble> {
  folder = await tempFolder();
  double = await startGoPluginDouble({ dir: folder.path });
  return double;
}

describe('goPluginDouble replays the recordings', () => {
  test('the recordings parse into request/answer pairs', () => {
    expect(pairs(curlLog).map((p) => requestPath(p.request))).toEqual([
      '/Activate',
      '/Ping',
      '/Ping',
      '/Ping',
      '/main.Do',
      '/main.Do',
      '/Nope',
      '/',
      '/Activate',
      '/main.Do',
      '/main.Do/extra/stuff?q=1',
      '//Activate',
      '/Activate',
      '/Ping',
      '/RegisterCallback',
      '/Stop',
    ]);
    expect(pairs(goHostLog)).toHaveLength(10);
  });

  test('answers every curl request (one connection each) like the Go plugin', async () => {
    const d = await start();
    for (const { request, response } of pairs(curlLog)) {
      const conn = await rawConnection(d.sock);
      conn.socket.write(request);
      if (requestPath(request) === '/RegisterCallback') {
        await d.waitForPoll('main.callBack');
        expect(d.notify('main.callBack', 'Test Data')).toBe(true);
      }
      if (response === undefined) {
        // Stop: the plugin exits without answering and removes its socket.
        await withDeadline(conn.closed, 5000, 'the connection closing after Stop');
        expect(await conn.read(1)).toHaveLength(0);
        await withDeadline(d.exited, 5000, 'the double exiting');
        await expect(rawConnection(d.sock)).rejects.toMatchObject({ code: 'ENOENT' });
        continue;
      }
      const answer = await withDeadline(
        conn.read(response.length),
        5000,
        `the answer to ${requestPath(request)}`,
      );
      expect(withoutDate(answer), requestPath(request)).toBe(withoutDate(response));
      conn.socket.destroy();
    }
  });

  test('answers the Go host on one keep-alive connection, and a held callback blocks what follows it', async () => {
    const d = await start();
    const conn = await rawConnection(d.sock);
    const exchanges = pairs(goHostLog);
    const [lastPoll, stop] = exchanges.slice(-2);
    for (const { request, response } of exchanges.slice(0, -2)) {
      conn.socket.write(request);
      if (requestPath(request) === '/RegisterCallback') {
        await d.waitForPoll('main.callBack');
        d.notify('main.callBack', 'Test Data');
      }
      const answer = await withDeadline(
        conn.read(response!.length),
        5000,
        `the answer to ${requestPath(request)}`,
      );
      expect(withoutDate(answer), requestPath(request)).toBe(withoutDate(response!));
    }

    // In the recording Stop never got an answer: it sat behind the pending long-poll.
    conn.socket.write(lastPoll!.request);
    await d.waitForPoll('main.callBack');
    conn.socket.write(stop!.request);
    expect(d.notify('main.callBack', 'late')).toBe(true);
    const pollAnswer = await withDeadline(conn.read(200), 5000, 'the held poll being answered');
    expect(pollAnswer.toString('latin1')).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nlate$/);
    await withDeadline(d.exited, 5000, 'Stop, handled only after the poll, making the double exit');
    expect(d.requests.map((r) => r.target).slice(-2)).toEqual(['/RegisterCallback', '/Stop']);
  });
});

describe('goPluginDouble behaviours the recordings do not show', () => {
  test('answers above 2048 bytes are chunked, at or below are not', async () => {
    folder = await tempFolder();
    double = await startGoPluginDouble({
      dir: folder.path,
      methods: { 'main.Big': 'x'.repeat(2049), 'main.Edge': 'y'.repeat(2048) },
    });
    const conn = await rawConnection(double.sock);
    const ask = async (method: string, expected: string): Promise<string> => {
      conn.socket.write(`POST /${method} HTTP/1.1\r\nHost: TestDo\r\nContent-Length: 0\r\n\r\n`);
      const length = expected.replace('Date: *', `Date: ${new Date().toUTCString()}`).length;
      return withoutDate(await withDeadline(conn.read(length), 5000, `the answer to ${method}`));
    };
    const edge = `HTTP/1.1 200 OK\r\nDate: *\r\nContent-Length: 2048\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${'y'.repeat(2048)}`;
    expect(await ask('main.Edge', edge)).toBe(edge);
    const big = `HTTP/1.1 200 OK\r\nDate: *\r\nContent-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n801\r\n${'x'.repeat(2049)}\r\n0\r\n\r\n`;
    expect(await ask('main.Big', big)).toBe(big);
    conn.socket.destroy();
  });

  test('a RegisterCallback body that is not a JSON string makes it exit, files left behind', async () => {
    const d = await start();
    const conn = await rawConnection(d.sock);
    conn.socket.write('POST /RegisterCallback HTTP/1.1\r\nHost: TestDo\r\nContent-Length: 3\r\n\r\n{x}');
    await withDeadline(d.exited, 5000, 'the double exiting');
    await withDeadline(conn.closed, 5000, 'the connection closing');
    await expect(rawConnection(d.sock)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  test('a notify with no pending poll is lost', async () => {
    const d = await start();
    expect(d.notify('main.callBack', 'nobody listens')).toBe(false);
  });

  test('writes a Go-style .pconf when asked and Stop removes it', async () => {
    folder = await tempFolder();
    double = await startGoPluginDouble({ dir: folder.path, writePconf: true });
    const { readFileSync, existsSync } = await import('node:fs');
    const pconf = double.pconfPath!;
    expect(readFileSync(pconf, 'utf8')).toBe(
      `{"Name":"Do","NameSpace":"Test","Url":"unix://TestDo","Sock":"${double.sock}","LazyLoad":false}`,
    );
    const conn = await rawConnection(double.sock);
    conn.socket.write('POST /Stop HTTP/1.1\r\nHost: TestDo\r\nContent-Length: 0\r\n\r\n');
    await withDeadline(double.exited, 5000, 'the double exiting');
    expect(existsSync(pconf)).toBe(false);
    expect(existsSync(double.sock)).toBe(false);
  });
});
