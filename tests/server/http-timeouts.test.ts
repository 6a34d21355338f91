/**
 * Slow requests time out and connections are limited (issue 13, defect 8), with real sockets on
 * 127.0.0.1 and small limits. Each case waits for the server to close the socket (the close
 * event), never measures elapsed time; node:test's timeout only stops a hang.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { migrateToLatest } from '../../server/db/migrations.ts';
import { ChangeNotifier } from '../../server/events/change-notifier.ts';
import { DEMO_STATION, seedDemoData } from '../../server/seed/demo-data.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

const LIMITS = { requestTimeoutMs: 400, headersTimeoutMs: 300, idleTimeoutMs: 600, keepAliveTimeoutMs: 300, maxConnections: 4, checkIntervalMs: 50 };

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

/** Resolves with what the server sent once it closed the socket. */
function closedByServer(s: Socket): Promise<string> {
  let data = '';
  s.setEncoding('utf8');
  s.on('data', (d: string) => (data += d));
  s.on('error', () => undefined); // a reset is a close too
  return new Promise((resolve) => s.once('close', () => resolve(data)));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let database: TestDatabase;
let app: FastifyInstance;
let port: number;
const notifier = new ChangeNotifier();

before(async () => {
  database = await createTestDatabase('sqlite');
  await migrateToLatest(database.db, 'sqlite');
  await seedDemoData(database.db, { pinIterations: 1_000 });
  app = buildApp({ db: database.db, dialect: 'sqlite', notifier, http: LIMITS });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
});
after(async () => {
  await app?.close();
  await database?.dispose();
});

it('a request whose body trickles in is closed by the server', { timeout: 20_000 }, async () => {
  const s = await open(port);
  const closed = closedByServer(s);
  s.write(`POST /api/staff/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`);
  let sent = 0;
  const drip = setInterval(() => {
    if (!s.destroyed) s.write(' ');
    sent += 1;
  }, 50);
  const answer = await closed;
  clearInterval(drip);
  assert.ok(sent > 0, 'the body was still trickling');
  assert.ok(!/^HTTP\/1\.1 [25]/.test(answer), `the server answered ${answer.slice(0, 40)}`);
});

it('a body shorter than its Content-Length is closed by the server', { timeout: 20_000 }, async () => {
  const s = await open(port);
  const closed = closedByServer(s);
  s.write(`POST /api/residents/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"stationId":"x"}`);
  const answer = await closed;
  assert.ok(!/^HTTP\/1\.1 [25]/.test(answer), `the server answered ${answer.slice(0, 40)}`);
});

it('headers that never finish are closed by the server', { timeout: 20_000 }, async () => {
  const s = await open(port);
  const closed = closedByServer(s);
  s.write('GET /api/stations HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  await closed;
});

it(`connections beyond ${LIMITS.maxConnections} are refused; a freed place is usable again`, { timeout: 20_000 }, async () => {
  // Idle connections from other cases have been closed by the server; these hold the places.
  const held = await Promise.all(Array.from({ length: LIMITS.maxConnections }, () => open(port)));
  // Each holder keeps its connection busy (a request started), so the server keeps counting it.
  for (const h of held) h.write('GET /api/stations/');
  const extra = await open(port).catch(() => null);
  if (extra) {
    const answer = await closedByServer(extra);
    assert.equal(answer, '', 'nothing is answered on a refused connection');
  }
  const freed = held.map(closedByServer);
  for (const h of held) h.destroy();
  await Promise.all(freed);
  const res = await fetch(`http://127.0.0.1:${port}/api/stations/${DEMO_STATION.id}`);
  assert.equal(res.status, 200);
});

it('an event stream keeps streaming past the request and idle timeouts', { timeout: 20_000 }, async () => {
  const controller = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/api/stations/${DEMO_STATION.id}/events`, { signal: controller.signal });
  assert.equal(res.status, 200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const readUntil = async (needle: string) => {
    while (!text.includes(needle)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended; it had: ${text}`);
      text += decoder.decode(value);
    }
  };
  await readUntil('event: poke');
  // Longer than every timeout of this server, with nothing sent: the stream must survive it.
  await sleep(3 * Math.max(LIMITS.requestTimeoutMs, LIMITS.idleTimeoutMs, LIMITS.headersTimeoutMs));
  notifier.poke(DEMO_STATION.id, 424242);
  await readUntil('"cursor":424242');
  controller.abort();
});
