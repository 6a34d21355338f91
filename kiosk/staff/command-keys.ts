/**
 * The command key K of the staff member signed in at this kiosk, held in memory only — never in
 * IndexedDB, localStorage or a log — and only for that staff session (docs/security.md). A
 * non-extractable CryptoKey: script can sign with it but cannot read it out. Every command the
 * outbox queues naming that staff member gets `actor.staffProof` from it.
 */
import { proveCommand, type CommandActor, type ProvableCommand } from '../../domain/index.ts';

export class StaffCommandKeys {
  #staffNo: string | null = null;
  #key: CryptoKey | null = null;

  /** At staff sign-in: the key derived from the secret just typed. */
  hold(staffNo: string, key: CryptoKey): void {
    this.#staffNo = staffNo;
    this.#key = key;
  }

  /** At sign-out or timeout: the key is gone; commands naming the staff member need a new sign-in. */
  forget(): void {
    this.#staffNo = null;
    this.#key = null;
  }

  holds(staffNo: string): boolean {
    return this.#key !== null && this.#staffNo === staffNo;
  }

  /**
   * The actor to store with a command: with staffProof when it names the staff member whose key
   * is held. Without the key (only if staff mode ended under the command) it goes unproven and the
   * server rejects it with a reason staff see on 需要处理 — never a proof from someone else's key.
   */
  readonly proveActor = async (command: ProvableCommand): Promise<CommandActor> => {
    const { staffProof: _stale, ...actor } = command.actor;
    if (actor.staffNo === undefined || !this.#key || this.#staffNo !== actor.staffNo) return actor;
    return { ...actor, staffProof: await proveCommand(this.#key, { ...command, actor }) };
  };
}
