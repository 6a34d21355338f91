import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPersonalNumbers, maskName, maskPhone, hashPin, verifyPin, isWellFormedPin } from '../../domain/index.ts';

test('finds full mobile numbers, also typed with spaces or dashes', () => {
  assert.deepEqual(findPersonalNumbers('联系张阿姨 13812345678。'), [{ kind: 'mobile', text: '13812345678', index: 6 }]);
  assert.deepEqual(findPersonalNumbers('电话 138-1234-5678').map((f) => f.text), ['138-1234-5678']);
  assert.deepEqual(findPersonalNumbers('电话 138 1234 5678').map((f) => f.text), ['138 1234 5678']);
});

test('finds 18-digit ID numbers (with X) and does not double-report a mobile inside one', () => {
  assert.deepEqual(findPersonalNumbers('身份证 11010519491231002X 已登记'), [{ kind: 'id-card', text: '11010519491231002X', index: 4 }]);
  assert.deepEqual(findPersonalNumbers('号码 110105194912310021').map((f) => f.kind), ['id-card']);
});

test('does not flag masked numbers, landlines, dates or short numbers', () => {
  assert.deepEqual(findPersonalNumbers('138****8000 电话 010-62345678 2026年11月23日 8号楼 12345678901'), []);
});

test('masks names and phones', () => {
  assert.equal(maskName('张三华'), '张*华');
  assert.equal(maskName('张三'), '张*');
  assert.equal(maskName('欧阳娜娜'), '欧**娜');
  assert.equal(maskName('王'), '王');
  assert.equal(maskPhone('13800138000'), '138****8000');
});

test('PIN hashes are salted, verify the right PIN only, and reject malformed stored values', async () => {
  const a = await hashPin('1234', 1000);
  const b = await hashPin('1234', 1000);
  assert.notEqual(a, b);
  assert.equal(await verifyPin('1234', a), true);
  assert.equal(await verifyPin('1235', a), false);
  assert.equal(await verifyPin('1234', 'plain-1234'), false);
  assert.equal(await verifyPin('1234', 'pbkdf2-sha256$abc$x$y'), false);
  assert.equal(isWellFormedPin('0000'), true);
  assert.equal(isWellFormedPin('123'), false);
  assert.equal(isWellFormedPin('12a4'), false);
});
