/**
 * Signing commands as a demo staff member, the kiosk's way: K derived from the demo secret with
 * the salt and iterations of the stored credential (what a kiosk pulls), then actor.staffProof.
 * For tests and benchmarks that push staff commands without a kiosk.
 */
import type { Kysely } from 'kysely';
import { deriveCommandKey, importCommandKey, proveCommand, type Command } from '../../domain/index.ts';
import type { Database } from '../../server/db/schema.ts';
import { DEMO_STAFF } from '../../server/seed/demo-data.ts';

export type CommandProver = <C extends Command>(command: C, staffNo?: string) => Promise<C>;

export function isDemoStaff(staffNo: string | undefined): boolean {
  return staffNo !== undefined && DEMO_STAFF.some((s) => s.staffNo === staffNo);
}

/** A signer for demo staff over this database; keys are derived once per staff number. */
export function demoStaffProver(db: Kysely<Database>): CommandProver {
  const keys = new Map<string, Promise<CryptoKey>>();
  const keyOf = (staffNo: string): Promise<CryptoKey> => {
    let key = keys.get(staffNo);
    if (!key) {
      key = (async () => {
        const demo = DEMO_STAFF.find((s) => s.staffNo === staffNo);
        if (!demo) throw new Error(`no demo staff ${staffNo}`);
        const row = await db.selectFrom('staff').select(['pin_hash', 'command_key_salt']).where('staff_no', '=', staffNo).executeTakeFirstOrThrow();
        return importCommandKey(await deriveCommandKey(demo.secret, row.command_key_salt!, Number(row.pin_hash.split('$')[1])));
      })();
      keys.set(staffNo, key);
    }
    return key;
  };
  return async (command, staffNo = command.actor.staffNo) => {
    if (staffNo === undefined) throw new Error('prove: no staff number');
    const { staffProof: _old, ...actor } = command.actor;
    const staffProof = await proveCommand(await keyOf(staffNo), { ...command, actor });
    return { ...command, actor: { ...actor, staffProof } };
  };
}

/** Every command that names a demo staff member and has no proof yet gets one. */
export function proveAll(prove: CommandProver, commands: readonly Command[]): Promise<Command[]> {
  return Promise.all(commands.map((c) => (isDemoStaff(c.actor.staffNo) && c.actor.staffProof === undefined ? prove(c) : c)));
}
