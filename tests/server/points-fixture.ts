/**
 * Helpers for the points tests: commands as a kiosk builds them, a resident's website token, and
 * the ledger invariants every test ends with.
 */
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { CatalogueItemDraft, Command, CommandActor, CommandPayloads, Deed, ResidentLoginResponse } from '../../domain/index.ts';
import type { Database } from '../../server/db/schema.ts';
import { DEMO_RESIDENTS, type DemoResident } from '../../server/seed/demo-data.ts';
import { snapshot, STATION, type Fixture } from './station-fixture.ts';

export const RESIDENTS = DEMO_RESIDENTS.filter((r) => r.stationId === STATION);
export const resident = (name: string): DemoResident => RESIDENTS.find((r) => r.name === name)!;

/** The tables a refused redemption or award must leave exactly as they were. */
export const LEDGER_TABLES = ['point_accounts', 'transfers', 'catalogue_items', 'redemptions', 'stock_holds', 'limit_holds', 'changes', 'residents'] as const;
export const ledgerSnapshot = (db: Kysely<Database>) => snapshot(db, LEDGER_TABLES);

export type PayloadOf<T extends Command['type']> = CommandPayloads[T];

export function command<T extends Command['type']>(seq: number, type: T, payload: PayloadOf<T>, actor: CommandActor, createdAt = new Date().toISOString()): Command {
  return { id: crypto.randomUUID(), seq, type, payload, actor, createdAt } as Command;
}

export function itemDraft(over: Partial<CatalogueItemDraft> = {}): CatalogueItemDraft {
  return { name: '测试商品', description: '', kind: 'goods', cost: 10, stock: 50, monthlyLimit: null, activeFrom: null, activeUntil: null, photo: null, retired: false, ...over };
}

/** A kiosk with its own sequence counter. */
export class TestKiosk {
  seq = 0;
  constructor(
    readonly f: Fixture,
    readonly token: string,
    readonly deviceId: string,
  ) {}
  static async pair(f: Fixture, name = '积分测试终端'): Promise<TestKiosk> {
    const d = await f.pairDevice(name);
    // The residents these tests act for have signed in at this kiosk (their own commands count only here).
    await f.linkResidents(d.deviceId);
    return new TestKiosk(f, d.deviceToken, d.deviceId);
  }
  async send<T extends Command['type']>(type: T, payload: PayloadOf<T>, actor: CommandActor, createdAt?: string) {
    const cmd = command(++this.seq, type, payload, actor, createdAt);
    // Passbook lines are ordered by time: each command a millisecond after the last.
    this.f.advance(1);
    const res = await this.f.push(this.token, [cmd]);
    this.f.advance(1);
    assert.equal(res.outcomes.length, 1, JSON.stringify(res));
    return { cmd, outcome: res.outcomes[0]! };
  }
  async newItem(over: Partial<CatalogueItemDraft> = {}): Promise<string> {
    const itemId = crypto.randomUUID();
    const { outcome } = await this.send('catalogue.save', { itemId, baseRevision: null, draft: itemDraft(over) }, { staffNo: '1001' });
    assert.equal(outcome.status, 'applied', outcome.reason);
    return itemId;
  }
  async award(residentId: string, points: number, deed: Deed = 'staff-award', memo = '测试发放'): Promise<string> {
    const transferId = crypto.randomUUID();
    const { outcome } = await this.send('points.award', { awards: [{ residentId, transferId }], deed, points, memo }, { staffNo: '1001' });
    assert.equal(outcome.status, 'applied', outcome.reason);
    return transferId;
  }
}

export async function residentToken(f: Fixture, r: DemoResident, pin = r.pin): Promise<string> {
  const res = await f.app.inject({ method: 'POST', url: '/api/residents/login', payload: { stationId: STATION, phone: r.phone, pin } });
  if (res.statusCode !== 200) throw new Error(`resident login: ${res.statusCode} ${res.body}`);
  return res.json<ResidentLoginResponse>().token;
}

export async function balance(db: Kysely<Database>, account: string): Promise<number> {
  return (await db.selectFrom('point_accounts').select('balance').where('id', '=', account).executeTakeFirst())?.balance ?? 0;
}

/** No negative resident or hold balance; all balances sum to zero; each balance equals its transfers. */
export async function assertLedgerInvariants(db: Kysely<Database>): Promise<{ accounts: number; transfers: number }> {
  const accounts = await db.selectFrom('point_accounts').selectAll().execute();
  const transfers = await db.selectFrom('transfers').select(['id', 'from_account', 'to_account', 'amount']).execute();
  const fromTransfers = new Map<string, number>();
  for (const t of transfers) {
    assert.ok(t.amount > 0);
    fromTransfers.set(t.from_account, (fromTransfers.get(t.from_account) ?? 0) - t.amount);
    fromTransfers.set(t.to_account, (fromTransfers.get(t.to_account) ?? 0) + t.amount);
  }
  let sum = 0;
  for (const a of accounts) {
    if (a.kind === 'resident' || a.kind === 'hold') assert.ok(a.balance >= 0, `${a.id} is ${a.balance}`);
    assert.equal(a.balance, fromTransfers.get(a.id) ?? 0, `${a.id} balance equals the sum of its transfers`);
    sum += a.balance;
  }
  assert.equal(sum, 0, 'all balances sum to zero');
  assert.equal(fromTransfers.size <= accounts.length, true);
  return { accounts: accounts.length, transfers: transfers.length };
}
