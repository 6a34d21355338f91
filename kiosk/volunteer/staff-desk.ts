/**
 * The few staff reads the kiosk makes straight to the station server (online only): the
 * certificate data of service hours and the CSV exports. They need a staff token, which the
 * kiosk's offline staff sign-in does not have, so the staff member gives the PIN once more and
 * the kiosk signs in on the server (POST /api/staff/login, with the station of this kiosk). The
 * token is kept by the caller in memory only, never stored.
 */
import type { CertificateInput } from '../../domain/volunteer.ts';
import type { KioskServices } from '../kiosk-services.ts';

export type DeskServices = Pick<KioskServices, 'api' | 'db' | 'fetch'>;

export type ExportKind = 'activities' | 'sign-ups' | 'hours';
export const EXPORT_KINDS: readonly ExportKind[] = ['activities', 'sign-ups', 'hours'];

/** GET /api/staff/volunteer/certificates/:residentId?year= (server/volunteer/volunteer-reads.ts). */
export interface Certificate extends CertificateInput {
  /** certificateText, in Chinese. */
  text: string;
  lines: { title: string; startAt: string; hours: number }[];
}

/**
 * Why a desk call failed: no network; the PIN was wrong or is locked (the server's sentence);
 * the token ran out (ask for the PIN again); nothing found; the server failed.
 */
export type DeskProblem = 'offline' | 'wrong-pin' | 'locked' | 'expired' | 'not-found' | 'server';

export type DeskResult<T> = { ok: true; value: T } | { ok: false; problem: DeskProblem; message: string };

async function serverMessage(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
  return typeof body?.message === 'string' ? body.message : '';
}

async function send(services: DeskServices, path: string, init: RequestInit): Promise<Response | null> {
  try {
    return await services.fetch(`${services.api}${path}`, init);
  } catch {
    return null;
  }
}

/** Sign the staff member in on the server with the PIN: the token, or why not. */
export async function deskSignIn(services: DeskServices, staffNo: string, pin: string): Promise<DeskResult<string>> {
  const stationId = (await services.db.getMeta('stationId')) ?? '';
  const response = await send(services, '/staff/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ stationId, staffNo, pin }) });
  if (!response) return { ok: false, problem: 'offline', message: '' };
  if (response.status === 401 || response.status === 400) return { ok: false, problem: 'wrong-pin', message: '' };
  if (response.status === 423) return { ok: false, problem: 'locked', message: await serverMessage(response) };
  const body = response.ok ? ((await response.json().catch(() => null)) as { token?: unknown } | null) : null;
  if (typeof body?.token !== 'string') return { ok: false, problem: 'server', message: '' };
  return { ok: true, value: body.token };
}

/** A staff GET with the token: the response when it is 200, or why not. */
export async function deskGet(services: DeskServices, token: string, path: string): Promise<DeskResult<Response>> {
  const response = await send(services, path, { method: 'GET', headers: { Authorization: `Bearer ${token}` } });
  if (!response) return { ok: false, problem: 'offline', message: '' };
  if (response.status === 401) return { ok: false, problem: 'expired', message: '' };
  if (response.status === 404) return { ok: false, problem: 'not-found', message: '' };
  if (!response.ok) return { ok: false, problem: 'server', message: '' };
  return { ok: true, value: response };
}

export function certificatePath(residentId: string, year: number): string {
  return `/staff/volunteer/certificates/${encodeURIComponent(residentId)}?year=${year}`;
}

export function exportPath(kind: ExportKind): string {
  return `/staff/volunteer/export.csv?kind=${kind}`;
}

/** Hand a file to the browser as a download (an <a download> clicked once). */
export function saveDownload(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Later, not at once: the browser reads the file after the click.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
