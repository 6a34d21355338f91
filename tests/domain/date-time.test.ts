/**
 * Impossible timestamps (issue 13, defect 9): one check of the calendar, used by every time field
 * of every schema. The fields are discovered by walking every schema `domain/` exports, so a new
 * time field that does not use DateTimeSchema fails here.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { KindGuard, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import * as domain from '../../domain/index.ts';
import { isCalendarDateTime } from '../../domain/index.ts';

const IMPOSSIBLE = [
  '2026-02-30T00:00:00Z',
  '2026-02-29T08:00:00+08:00', // 2026 is not a leap year
  '2100-02-29T00:00:00Z', // nor is 2100
  '2026-04-31T10:00:00Z',
  '2026-13-01T10:00:00Z',
  '2026-00-10T10:00:00Z',
  '2026-01-00T10:00:00Z',
  '2026-01-10T24:00:00Z',
  '2026-01-10T23:60:00Z',
  '2026-01-10T23:59:60Z',
  '2026-01-10T10:00:00+24:00',
  '2026-01-10T10:00:00+08:60',
  '2026-01-10T10:00:00+15:00',
];
const REAL = ['2028-02-29T00:00:00Z', '2000-02-29T23:59:59.999+08:00', '2026-12-31T23:59Z', '2026-01-10T10:00:00-12:00', '2026-01-10T10:00:00+14:00', '2026-01-10T00:00:00.123456789Z'];

it('isCalendarDateTime accepts real instants and refuses impossible ones (leap years, 24:00, second 60, offsets)', () => {
  for (const v of IMPOSSIBLE) assert.equal(isCalendarDateTime(v), false, v);
  for (const v of REAL) assert.equal(isCalendarDateTime(v), true, v);
});

interface TimeField {
  where: string;
  schema: TSchema;
}

/** Every string node under a property whose name says it is a time (…At, …From, …Until, deadline, at). */
function timeFields(schema: TSchema, where: string, out: TimeField[], seen: Set<TSchema>): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  if (KindGuard.IsObject(schema)) {
    for (const [key, sub] of Object.entries(schema.properties)) {
      const path = `${where}.${key}`;
      if (/(At|From|Until|Deadline)$|^at$/.test(key)) {
        const strings = KindGuard.IsUnion(sub) ? sub.anyOf.filter((s) => KindGuard.IsString(s)) : KindGuard.IsString(sub) ? [sub] : [];
        for (const s of strings) out.push({ where: path, schema: s });
      }
      timeFields(sub, path, out, seen);
    }
  } else if (KindGuard.IsUnion(schema)) {
    schema.anyOf.forEach((s, i) => timeFields(s, `${where}|${i}`, out, seen));
  } else if (KindGuard.IsArray(schema)) {
    timeFields(schema.items, `${where}[]`, out, seen);
  } else if (KindGuard.IsIntersect(schema)) {
    schema.allOf.forEach((s) => timeFields(s, where, out, seen));
  }
}

it('every time field of every schema refuses an impossible timestamp and accepts a real one', () => {
  const fields: TimeField[] = [];
  const seen = new Set<TSchema>();
  for (const [name, value] of Object.entries(domain)) {
    if (value && typeof value === 'object' && KindGuard.IsSchema(value)) timeFields(value, name, fields, seen);
  }
  const named = new Set(fields.map((f) => f.where.split('.').slice(-1)[0]));
  // The fields the issue names, so the discovery itself cannot silently find nothing.
  for (const key of ['publishAt', 'expireAt', 'startAt', 'endAt', 'signupDeadline', 'createdAt', 'consentAt', 'at']) assert.ok(named.has(key), `no ${key} found`);
  for (const f of fields) {
    for (const v of IMPOSSIBLE) assert.equal(Value.Check(f.schema, v), false, `${f.where} accepts ${v}`);
    for (const v of REAL) assert.equal(Value.Check(f.schema, v), true, `${f.where} refuses ${v}`);
  }
  console.log(`date-time: ${fields.length} time fields in ${seen.size} schema nodes, each refuses ${IMPOSSIBLE.length} impossible timestamps`);
});
