/**
 * A server that went back in time (restored from a backup) has forgotten commands it had
 * acknowledged. The kiosk keeps acknowledged commands for a while (kiosk/sync/acknowledged.ts)
 * and says, in each push and pull, the highest seq it has had acknowledged; when that is ahead
 * of the device's last_seq here, the answer asks for them again from the first seq this server
 * does not have. They come back with their original ids and seqs and are applied like any
 * command (ids already stored still dedupe).
 */

/** The seq to resend from, or undefined when the kiosk is not ahead of this server. */
export function resendFrom(ackedSeq: number | undefined, lastSeq: number): number | undefined {
  return ackedSeq !== undefined && ackedSeq > lastSeq ? lastSeq + 1 : undefined;
}
