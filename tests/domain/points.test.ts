import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allowanceTarget,
  balancesOf,
  checkRedemption,
  limitHoldTarget,
  passbookLines,
  rankPoints,
  REDEEM_REFUSALS,
  selectShopItems,
  stationMonth,
  stationPeriodBounds,
  stockHoldTarget,
  validateCatalogueItemDraft,
  voucherCode,
  VOUCHER_ALPHABET,
  type CatalogueItem,
  type RedeemCheckInput,
  type Transfer,
} from '../../domain/index.ts';

const NOW = new Date('2026-11-23T04:00:00Z');

function item(over: Partial<CatalogueItem> = {}): CatalogueItem {
  return {
    id: 'i1',
    stationId: 's1',
    name: '洗衣液',
    description: '',
    kind: 'goods',
    cost: 80,
    stock: 5,
    monthlyLimit: null,
    activeFrom: null,
    activeUntil: null,
    photo: null,
    retired: false,
    revision: 1,
    updatedAt: NOW.toISOString(),
    ...over,
  };
}

function check(over: Partial<RedeemCheckInput> = {}) {
  return checkRedemption({ item: item(), quantity: 1, spendable: 100, stockAvailable: 5, redeemedThisMonth: 0, now: NOW, ...over });
}

test('checkRedemption: every refusal, in the order a person would want to hear it', () => {
  const table: [Partial<RedeemCheckInput>, ReturnType<typeof checkRedemption>][] = [
    [{}, { ok: true, cost: 80 }],
    [{ quantity: 2, spendable: 160 }, { ok: true, cost: 160 }],
    [{ spendable: 80 }, { ok: true, cost: 80 }],
    [{ spendable: 79 }, { ok: false, refusal: 'insufficient-points' }],
    [{ item: null }, { ok: false, refusal: 'unknown-item' }],
    [{ item: item({ retired: true }) }, { ok: false, refusal: 'unknown-item' }],
    [{ quantity: 0 }, { ok: false, refusal: 'bad-quantity' }],
    [{ quantity: 1.5 }, { ok: false, refusal: 'bad-quantity' }],
    [{ quantity: 21 }, { ok: false, refusal: 'bad-quantity' }],
    [{ item: item({ activeFrom: '2026-11-24T00:00:00Z' }) }, { ok: false, refusal: 'not-active' }],
    [{ item: item({ activeUntil: NOW.toISOString() }) }, { ok: false, refusal: 'not-active' }],
    [{ item: item({ activeFrom: NOW.toISOString() }) }, { ok: true, cost: 80 }],
    [{ item: item({ monthlyLimit: 1 }), redeemedThisMonth: 1 }, { ok: false, refusal: 'limit-reached' }],
    [{ item: item({ monthlyLimit: 2 }), redeemedThisMonth: 1 }, { ok: true, cost: 80 }],
    [{ item: item({ monthlyLimit: 2 }), redeemedThisMonth: 1, quantity: 2, spendable: 500 }, { ok: false, refusal: 'limit-reached' }],
    [{ stockAvailable: 0 }, { ok: false, refusal: 'out-of-stock' }],
    [{ stockAvailable: 1, quantity: 2, spendable: 500 }, { ok: false, refusal: 'out-of-stock' }],
    // Out of stock is said before "not enough points": the points would not help.
    [{ stockAvailable: 0, spendable: 0 }, { ok: false, refusal: 'out-of-stock' }],
  ];
  for (const [over, expected] of table) assert.deepEqual(check(over), expected, JSON.stringify(over));
  for (const sentence of Object.values(REDEEM_REFUSALS)) assert.match(sentence, /没有兑换$/);
});

test('rankPoints: masked names, shared ranks for ties, opt-out left out of buildings too', () => {
  const ranking = rankPoints(
    [
      { residentId: 'a', name: '张秀英', building: '3 号楼', earned: 50, optOut: false },
      { residentId: 'b', name: '李淑珍', building: '5 号楼', earned: 80, optOut: false },
      { residentId: 'c', name: '王建华', building: '3 号楼', earned: 50, optOut: false },
      { residentId: 'd', name: '杨玉梅', building: '18 号楼', earned: 200, optOut: true },
      { residentId: 'e', name: '刘桂兰', building: '12 号楼', earned: 10, optOut: false },
      { residentId: 'f', name: '欧阳娜娜', building: '12 号楼', earned: 0, optOut: false },
    ],
    '2026',
  );
  assert.deepEqual(ranking.residents, [
    { rank: 1, name: '李*珍', building: '5 号楼', points: 80 },
    { rank: 2, name: '张*英', building: '3 号楼', points: 50 },
    { rank: 2, name: '王*华', building: '3 号楼', points: 50 },
    { rank: 4, name: '刘*兰', building: '12 号楼', points: 10 },
  ]);
  assert.deepEqual(ranking.buildings, [
    { building: '3 号楼', points: 100, residents: 2 },
    { building: '5 号楼', points: 80, residents: 1 },
    { building: '12 号楼', points: 10, residents: 1 },
  ]);
  const text = JSON.stringify(ranking);
  for (const full of ['张秀英', '李淑珍', '王建华', '杨玉梅', '刘桂兰', '18 号楼']) assert.ok(!text.includes(full), full);
  assert.equal(rankPoints([{ residentId: 'x', name: '赵一', building: 'A', earned: 5, optOut: false }], '2026', 0).residents.length, 0);
});

test('voucherCode: the same id gives the same 6 characters, from an alphabet without 0/O/1/I/L', () => {
  const id = '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a1c01';
  assert.equal(voucherCode(id), voucherCode(id));
  assert.match(voucherCode(id), /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
  assert.ok(!/[01OIL]/.test(VOUCHER_ALPHABET));
  const codes = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const c = voucherCode(crypto.randomUUID());
    assert.match(c, /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    codes.add(c);
  }
  assert.ok(codes.size > 1990, `codes spread (${codes.size} distinct of 2000)`);
});

test('balancesOf: every transfer balances, so all accounts sum to zero', () => {
  const balances = balancesOf([
    { from: 'issued:s', to: 'resident:a', amount: 100 },
    { from: 'resident:a', to: 'hold:d:a', amount: 40 },
    { from: 'hold:d:a', to: 'spent:s', amount: 30 },
    { from: 'spent:s', to: 'resident:a', amount: 30 },
  ]);
  assert.deepEqual(Object.fromEntries(balances), { 'issued:s': -100, 'resident:a': 90, 'hold:d:a': 10, 'spent:s': 0 });
  assert.equal([...balances.values()].reduce((a, b) => a + b, 0), 0);
});

test('stationMonth and period bounds are in station time (UTC+8)', () => {
  assert.equal(stationMonth('2026-11-30T16:00:00Z'), '2026-12');
  assert.equal(stationMonth('2026-11-30T15:59:59Z'), '2026-11');
  assert.deepEqual(stationPeriodBounds('2026-12'), { from: '2026-11-30T16:00:00.000Z', until: '2026-12-31T16:00:00.000Z' });
  assert.deepEqual(stationPeriodBounds('2026'), { from: '2025-12-31T16:00:00.000Z', until: '2026-12-31T16:00:00.000Z' });
});

test('allowance targets: half of what is there, capped; limits rounded up', () => {
  assert.equal(allowanceTarget(100, 0), 50);
  assert.equal(allowanceTarget(1, 0), 0);
  assert.equal(allowanceTarget(30, 20), 25);
  assert.equal(allowanceTarget(10_000, 0), 200);
  assert.equal(stockHoldTarget(3, 0), 1);
  assert.equal(stockHoldTarget(100, 0), 10);
  assert.equal(limitHoldTarget(1), 1);
  assert.equal(limitHoldTarget(3), 2);
  assert.equal(limitHoldTarget(0), 0);
  assert.equal(limitHoldTarget(-1), 0);
});

test('validateCatalogueItemDraft names every broken rule in Chinese', () => {
  const ok = { name: '鸡蛋', description: '', kind: 'goods' as const, cost: 50, stock: 3, monthlyLimit: null, activeFrom: null, activeUntil: null, photo: null, retired: false };
  assert.deepEqual(validateCatalogueItemDraft(ok), {});
  const bad = validateCatalogueItemDraft({ ...ok, name: '  ', cost: 0, monthlyLimit: 0, activeFrom: '2026-12-01T00:00:00Z', activeUntil: '2026-11-01T00:00:00Z', photo: 'javascript:alert(1)' });
  assert.deepEqual(Object.keys(bad).sort(), ['activeUntil', 'cost', 'monthlyLimit', 'name', 'photo']);
  assert.equal(bad.cost, '所需积分要填 1 到 100000 之间的整数');
});

test('passbook lines: holds are left out, balance after walks back from what is owned now', () => {
  const t = (id: string, kind: Transfer['kind'], from: string, to: string, amount: number): Transfer => ({
    id,
    stationId: 's',
    kind,
    from,
    to,
    amount,
    residentId: 'a',
    deed: null,
    memo: id,
    redemptionId: null,
    reverses: null,
    createdAt: NOW.toISOString(),
  });
  // Newest first: redeemed 30 from a kiosk hold, held 40, earned 100.
  const lines = passbookLines(
    [t('r', 'redeem', 'hold:d:a', 'spent:s', 30), t('h', 'hold', 'resident:a', 'hold:d:a', 40), t('e', 'earn', 'issued:s', 'resident:a', 100)],
    'a',
    70,
  );
  assert.deepEqual(
    lines.map((l) => [l.transferId, l.change, l.balanceAfter]),
    [
      ['r', -30, 70],
      ['e', 100, 100],
    ],
  );
});

test('the shop shows active items, cheapest first then by name', () => {
  const items = [
    item({ id: 'a', name: '洗衣液', cost: 80 }),
    item({ id: 'b', name: '鸡蛋', cost: 50 }),
    item({ id: 'c', name: '春联', cost: 20, activeFrom: '2027-01-01T00:00:00Z' }),
    item({ id: 'd', name: '大米', cost: 50 }),
    item({ id: 'e', name: '月饼', cost: 10, activeUntil: '2026-10-01T00:00:00Z' }),
  ];
  assert.deepEqual(selectShopItems(items, NOW).map((i) => i.id), ['d', 'b', 'a']);
});
