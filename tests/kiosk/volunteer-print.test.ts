/**
 * 服务时长证明和导出表格 in 志愿服务管理 (staff mode): the PIN signs the staff member in on the
 * server once, the certificate is fetched for this year with the staff token and printed (A4
 * layout under <body>, observed through the services' print like the points passbook) with the
 * exact total and every activity line, never a phone; the three CSV exports each ask for their
 * kind with the token and hand the file to the browser as a download; offline, a plain sentence
 * and no request; a server failure or a wrong PIN, a plain sentence and nothing printed.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../kiosk/define.ts';
import '../../kiosk/volunteer/define.ts';
import type { StaffSession } from '../../kiosk/staff/staff-sign-in.ts';
import type { LinliVolunteerAttendanceScreen } from '../../kiosk/volunteer/attendance-screen.ts';
import type { ExportKind } from '../../kiosk/volunteer/staff-desk.ts';
import type { LinliVolunteerRecords } from '../../kiosk/volunteer/volunteer-records.ts';
import { cleanupDbs, expectAaaContrast, FakeServer, FakeTimers, json, seed, testServices, until } from './kiosk-fixtures.ts';
import { seedResidents } from './residents-fixtures.ts';
import { CERTIFICATE, csvOf, seedVolunteer, staffDesk, STAFF_TOKEN } from './volunteer-fixtures.ts';

const STAFF: StaffSession = { staffNo: '1001', name: '王芳', role: 'manager' };

type Desk = ReturnType<typeof staffDesk>;
type Services = ReturnType<typeof testServices>;

interface Printed {
  text: string;
  /** The activity table: date, activity, hours per row. */
  lines: string[][];
}

async function desk(o: { online?: boolean; answers?: Parameters<typeof staffDesk>[1] } = {}): Promise<{ s: Services; d: Desk; printed: Printed[] }> {
  const server = new FakeServer();
  const d = staffDesk(server.fetch, o.answers);
  const s = testServices(server, new FakeTimers(), { fetch: d.fetch, isOnline: () => o.online ?? true });
  await seed(s.db, {});
  await seedResidents(s.db);
  await seedVolunteer(s.db);
  const printed: Printed[] = [];
  s.print = () => {
    const root = document.body.querySelector('linli-volunteer-certificate')?.shadowRoot;
    const lines = [...(root?.querySelectorAll('tr.line') ?? [])].map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => c.textContent!.trim()));
    printed.push({ text: root?.textContent?.replace(/\s+/g, ' ') ?? '', lines });
  };
  return { s, d, printed };
}

async function records(s: Services, lang = 'zh-CN'): Promise<LinliVolunteerRecords> {
  const screen = await fixture<LinliVolunteerAttendanceScreen>(html`<linli-volunteer-attendance-screen lang=${lang} .services=${s} .staff=${STAFF}></linli-volunteer-attendance-screen>`);
  await until(() => screen.shadowRoot!.querySelector('linli-volunteer-records') !== null, 3000, 'records section');
  const el = screen.shadowRoot!.querySelector('linli-volunteer-records')!;
  await until(() => el.residents.length > 0, 3000, 'residents');
  await el.updateComplete;
  return el;
}

const $ = <T extends HTMLElement = HTMLElement>(el: LinliVolunteerRecords, selector: string): T => {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
};

async function type(el: LinliVolunteerRecords, selector: string, value: string, event = 'input'): Promise<void> {
  const input = $<HTMLInputElement | HTMLSelectElement>(el, selector);
  input.value = value;
  input.dispatchEvent(new Event(event));
  await el.updateComplete;
}

async function click(el: LinliVolunteerRecords, selector: string): Promise<void> {
  $(el, selector).click();
  await new Promise((r) => setTimeout(r, 30));
  await el.updateComplete;
}

/** PIN, resident, 打印服务时长证明. */
async function printFor(el: LinliVolunteerRecords, residentId: string, pin: string): Promise<void> {
  await type(el, 'input.desk-pin', pin);
  await type(el, 'select.certificate-resident', residentId, 'change');
  await click(el, 'button.print-certificate');
}

const said = (el: LinliVolunteerRecords): string => $(el, '.records-message').textContent ?? '';
const staffCalls = (d: Desk) => d.requests.filter((r) => !r.url.endsWith('/staff/login'));

/** Downloads the page starts (<a download> clicks), kept from the browser. */
function catchDownloads(): { files: { name: string; bytes: Promise<Uint8Array> }[]; stop: () => void } {
  const files: { name: string; bytes: Promise<Uint8Array> }[] = [];
  const onClick = (e: Event): void => {
    const a = e.target;
    if (!(a instanceof HTMLAnchorElement) || !a.download) return;
    e.preventDefault();
    files.push({ name: a.download, bytes: fetch(a.href).then(async (r) => new Uint8Array(await r.arrayBuffer())) });
  };
  document.addEventListener('click', onClick, true);
  return { files, stop: () => document.removeEventListener('click', onClick, true) };
}

describe('volunteer: certificate of service hours and CSV exports (staff)', () => {
  let downloads: ReturnType<typeof catchDownloads>;
  beforeEach(() => {
    downloads = catchDownloads();
  });
  afterEach(async () => {
    downloads.stop();
    document.body.querySelectorAll('linli-volunteer-certificate').forEach((p) => p.remove());
    await cleanupDbs();
  });

  it('prints this year\'s certificate: login with the PIN once, the staff token on the request, exact total and every activity line, no phone', async () => {
    const { s, d, printed } = await desk();
    const el = await records(s);
    const options = [...el.shadowRoot!.querySelectorAll('select.certificate-resident option')].map((o) => o.textContent!);
    expect(options.join()).to.contain('张秀英').and.not.to.contain('138');
    await expectAaaContrast(el);
    await printFor(el, 'r-zhang', '2468013579');
    await until(() => printed.length === 1, 3000, 'printed');

    expect(d.requests[0]!.method).to.equal('POST');
    expect(d.requests[0]!.url).to.equal('/api/staff/login');
    expect(d.requests[0]!.body).to.deep.equal({ stationId: 's1', staffNo: '1001', pin: '2468013579' });
    const [cert] = staffCalls(d);
    expect(cert!.method).to.equal('GET');
    expect(cert!.url).to.equal('/api/staff/volunteer/certificates/r-zhang?year=2026');
    expect(cert!.headers.authorization).to.equal(`Bearer ${STAFF_TOKEN}`);

    const page = printed[0]!.text;
    expect(page).to.contain('志愿服务时长证明').and.to.contain('幸福里社区服务站').and.to.contain('姓名：张秀英');
    expect(page).to.contain(CERTIFICATE.text);
    expect(page).to.contain('累计服务时长：3.5 小时');
    expect(printed[0]!.lines).to.deep.equal([
      ['2026年3月14日', '小区清洁日', '1.5 小时'],
      ['2026年11月23日', '消防演练', '2 小时'],
    ]);
    expect(page).to.contain('幸福里社区服务站（盖章）').and.to.contain('开具日期：2026年11月23日');
    expect(page).not.to.match(/1[3-9]\d{9}|138|139/);
    expect(document.body.querySelector('linli-volunteer-certificate'), 'removed after printing').to.equal(null);
    expect(said(el)).to.equal('服务时长证明已送去打印。');

    // The token is kept: a second print asks for no PIN and signs in no more.
    expect(el.shadowRoot!.querySelector('input.desk-pin')).to.equal(null);
    await click(el, 'button.print-certificate');
    await until(() => printed.length === 2, 3000, 'printed again');
    expect(d.requests.filter((r) => r.url.endsWith('/staff/login')).length).to.equal(1);
    expect(el.spokenText()).not.to.contain('张秀英');
  });

  it('offline: printing and exporting say they need the network, and nothing is sent', async () => {
    const { s, d, printed } = await desk({ online: false });
    const el = await records(s);
    await printFor(el, 'r-zhang', '2468013579');
    expect(said(el)).to.equal('打印服务时长证明需要联网。现在没有联网，请联网后再打印。');
    await click(el, 'button.export[data-kind="hours"]');
    expect(said(el)).to.equal('导出表格需要联网。现在没有联网，请联网后再导出。');
    expect(d.requests).to.deep.equal([]);
    expect(printed).to.deep.equal([]);
    expect(downloads.files).to.deep.equal([]);
  });

  it('each CSV button asks for its kind with the staff token and downloads the file as sent (BOM kept)', async () => {
    const { s, d } = await desk();
    const el = await records(s);
    await type(el, 'input.desk-pin', '2468013579');
    const kinds: ExportKind[] = ['activities', 'sign-ups', 'hours'];
    const names = { activities: '活动', 'sign-ups': '报名', hours: '服务时长' };
    for (const kind of kinds) {
      await click(el, `button.export[data-kind="${kind}"]`);
      await until(() => downloads.files.length === kinds.indexOf(kind) + 1, 3000, `${kind} download`);
      expect(said(el)).to.equal(`${names[kind]}表已导出。`);
    }
    const calls = staffCalls(d);
    expect(calls.map((r) => r.url)).to.deep.equal(kinds.map((k) => `/api/staff/volunteer/export.csv?kind=${k}`));
    for (const r of calls) expect(r.headers.authorization).to.equal(`Bearer ${STAFF_TOKEN}`);
    expect(downloads.files.map((f) => f.name)).to.deep.equal(kinds.map((k) => `志愿服务-${names[k]}-2026-11-23.csv`));
    for (const [i, kind] of kinds.entries()) {
      const bytes = await downloads.files[i]!.bytes;
      expect([...bytes.slice(0, 3)], 'BOM').to.deep.equal([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).to.equal(csvOf(kind));
    }
  });

  it('a server failure (500) and a wrong PIN: a plain sentence, nothing printed or downloaded', async () => {
    const { s, d, printed } = await desk({ answers: { certificate: () => json({ error: 'internal', message: 'boom' }, 500), csv: () => json({ error: 'internal' }, 500) } });
    const el = await records(s);
    await printFor(el, 'r-zhang', '1357924680');
    await until(() => said(el) !== '', 3000, 'wrong PIN');
    expect(said(el)).to.equal('密码不对，请再输一次。');
    expect(staffCalls(d)).to.deep.equal([]);

    await type(el, 'input.desk-pin', '2468013579');
    await click(el, 'button.print-certificate');
    await until(() => staffCalls(d).length === 1, 3000, 'certificate asked');
    await until(() => said(el).startsWith('服务站电脑'), 3000, 'server sentence');
    expect(said(el)).to.equal('服务站电脑暂时出了问题，没有办成，请稍后再试。');
    await click(el, 'button.export[data-kind="activities"]');
    await until(() => staffCalls(d).length === 2, 3000, 'export asked');
    expect(said(el)).to.equal('服务站电脑暂时出了问题，没有办成，请稍后再试。');
    expect(printed).to.deep.equal([]);
    expect(downloads.files).to.deep.equal([]);
  });

  it('a token the server no longer takes (401): asks for the PIN again, nothing printed', async () => {
    const { s, d, printed } = await desk({ answers: { certificate: () => json({ error: 'unauthorized', message: '登录已失效，请重新登录' }, 401) } });
    const el = await records(s);
    await printFor(el, 'r-li', '2468013579');
    await until(() => said(el) !== '', 3000, 'expired');
    expect(said(el)).to.equal('登录已过期，请再输一次密码。');
    expect(staffCalls(d).map((r) => r.url)).to.deep.equal(['/api/staff/volunteer/certificates/r-li?year=2026']);
    expect(el.shadowRoot!.querySelector('input.desk-pin'), 'PIN asked again').not.to.equal(null);
    expect(printed).to.deep.equal([]);
  });

  it('in English: the same certificate with the English wording and the exact hours', async () => {
    const { s, printed } = await desk();
    const el = await records(s, 'en');
    await printFor(el, 'r-zhang', '2468013579');
    await until(() => printed.length === 1, 3000, 'printed');
    expect(printed[0]!.text).to.contain('Certificate of Volunteer Service Hours').and.to.contain('This is to certify that 张秀英 took part in 2 volunteer activities at 幸福里社区服务站 in 2026, with 3.5 h of service in total.');
    expect(printed[0]!.lines.map((l) => l.slice(1))).to.deep.equal([
      ['小区清洁日', '1.5 h'],
      ['消防演练', '2 h'],
    ]);
    expect(said(el)).to.equal('The certificate has been sent to the printer.');
  });

  it('without a chosen resident or a PIN: a plain sentence and no request', async () => {
    const { s, d } = await desk();
    const el = await records(s);
    await click(el, 'button.print-certificate');
    expect(said(el)).to.equal('请先选择居民。');
    await type(el, 'select.certificate-resident', 'r-zhang', 'change');
    await click(el, 'button.print-certificate');
    expect(said(el)).to.equal('请先输入您的 10 位工作人员密码。');
    expect(d.requests).to.deep.equal([]);
  });
});
