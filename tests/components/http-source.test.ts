import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { HttpSource } from '../../components/core/http-source.ts';
import { LinliSourceError } from '../../components/core/source.ts';
import type { LinliNoticeBoard } from '../../components/notice-board/notice-board.ts';
import type { LinliProvider } from '../../components/provider/provider.ts';
import { detailReady, items, loaded, notice, sr, text, titles } from './helpers.ts';

const API = 'https://linli.example.gov.cn/api';

type Reply = { status: number; body: unknown } | Error;
let requests: string[];
let reply: (url: URL) => Reply;
const realFetch = window.fetch;
const realEventSource = window.EventSource;

class FakeEventSource extends EventTarget {
  static all: FakeEventSource[] = [];
  readonly url: string;
  closed = false;
  constructor(url: string) {
    super();
    this.url = url;
    FakeEventSource.all.push(this);
  }
  close(): void {
    this.closed = true;
  }
  poke(): void {
    this.dispatchEvent(new MessageEvent('poke', { data: '{"cursor":2}' }));
  }
}

beforeEach(() => {
  requests = [];
  FakeEventSource.all = [];
  reply = () => ({ status: 200, body: { notices: [] } });
  window.fetch = async (input: RequestInfo | URL) => {
    const url = String(input);
    requests.push(url);
    const r = reply(new URL(url));
    if (r instanceof Error) throw r;
    return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'Content-Type': 'application/json' } });
  };
  (window as { EventSource: unknown }).EventSource = FakeEventSource;
});

afterEach(() => {
  window.fetch = realFetch;
  window.EventSource = realEventSource;
});

const list = [
  notice({ id: 'h1', title: '公示：低保名单', board: '公示栏', pinned: true }),
  notice({ id: 'h2', title: '重阳节活动报名', board: '活动', body: '**欢迎**报名' }),
];

describe('HttpSource', () => {
  it('asks the API for notices by board and limit', async () => {
    reply = () => ({ status: 200, body: { notices: list } });
    const source = new HttpSource(`${API}/`, 's 1');
    const got = await source.notices({ boards: ['公示栏', '活动'], limit: 5 });
    expect(got.map((n) => n.id)).to.deep.equal(['h1', 'h2']);
    const url = new URL(requests[0]!);
    expect(url.origin + url.pathname).to.equal(`${API}/stations/s%201/notices`);
    expect(url.searchParams.getAll('board')).to.deep.equal(['公示栏', '活动']);
    expect(url.searchParams.get('limit')).to.equal('5');
    await source.notices({});
    expect(requests[1]).to.equal(`${API}/stations/s%201/notices`);
  });

  it('returns one notice, null on 404, and the station', async () => {
    reply = (url) =>
      url.pathname.endsWith('/notices/h2')
        ? { status: 200, body: list[1] }
        : url.pathname.endsWith('/stations/s1')
          ? { status: 200, body: { id: 's1', name: '幸福里服务站', address: '幸福路 1 号', phone: '010-12345678' } }
          : { status: 404, body: { error: 'not_found', message: '没有这条公告' } };
    const source = new HttpSource(API, 's1');
    expect((await source.notice('h2'))!.title).to.equal('重阳节活动报名');
    expect(await source.notice('nope')).to.equal(null);
    expect((await source.station())!.name).to.equal('幸福里服务站');
    expect(requests).to.deep.equal([`${API}/stations/s1/notices/h2`, `${API}/stations/s1/notices/nope`, `${API}/stations/s1`]);
  });

  it('turns failures into typed errors', async () => {
    const source = new HttpSource(API, 's1');
    const failure = async (): Promise<LinliSourceError> => source.notices({}).then(() => Promise.reject(new Error('resolved')), (e: unknown) => e as LinliSourceError);
    reply = () => new TypeError('Failed to fetch');
    let e = await failure();
    expect(e).to.be.instanceOf(LinliSourceError);
    expect(e.kind).to.equal('network');
    reply = () => ({ status: 503, body: { error: 'down', message: '维护中' } });
    e = await failure();
    expect([e.kind, e.status]).to.deep.equal(['server', 503]);
    reply = () => ({ status: 200, body: { unexpected: true } });
    e = await failure();
    expect(e.kind).to.equal('server');
  });

  it('opens one EventSource for all subscribers and closes it when the last leaves', async () => {
    const source = new HttpSource(API, 's1');
    let a = 0;
    let b = 0;
    const offA = source.subscribe(() => a++);
    const offB = source.subscribe(() => b++);
    expect(FakeEventSource.all).to.have.length(1);
    expect(FakeEventSource.all[0]!.url).to.equal(`${API}/stations/s1/events`);
    FakeEventSource.all[0]!.poke();
    expect([a, b]).to.deep.equal([1, 1]);
    offA();
    expect(FakeEventSource.all[0]!.closed).to.equal(false);
    offB();
    expect(FakeEventSource.all[0]!.closed).to.equal(true);
  });

  it('builds notice URLs from a template or the current page', () => {
    expect(new HttpSource(API, 's1', { noticePage: 'https://jd.example.gov.cn/gonggao/{station}/{id}' }).noticeUrl(list[0]!)).to.equal(
      'https://jd.example.gov.cn/gonggao/s1/h1',
    );
    const url = new URL(new HttpSource(API, 's1').noticeUrl(list[0]!));
    expect(url.hash).to.equal('#linli-notice=h1');
    expect(url.origin).to.equal(location.origin);
  });
});

describe('a lone <linli-notice-board api station>', () => {
  it('makes its own HttpSource, renders, refetches on poke and closes the stream when removed', async () => {
    reply = (url) => (url.pathname.endsWith('/notices') ? { status: 200, body: { notices: list } } : { status: 200, body: list[1] });
    const board = await fixture<LinliNoticeBoard>(html`<linli-notice-board api=${API} station="s1" board="公示栏,活动" limit="5"></linli-notice-board>`);
    await loaded(board);
    expect(titles(board)).to.deep.equal(['置顶 公示：低保名单', '重阳节活动报名']);
    const url = new URL(requests[0]!);
    expect(url.searchParams.getAll('board')).to.deep.equal(['公示栏', '活动']);
    expect(url.searchParams.get('limit')).to.equal('5');
    await expect(board).to.be.accessible();
    expect(FakeEventSource.all).to.have.length(1);
    reply = () => ({ status: 200, body: { notices: [list[1]] } });
    FakeEventSource.all[0]!.poke();
    await waitUntil(() => items(board).length === 1, 'no refetch on poke');
    board.remove();
    expect(FakeEventSource.all[0]!.closed).to.equal(true);
  });

  it('shows a network error in plain words and recovers on 重试', async () => {
    reply = () => new TypeError('Failed to fetch');
    const board = await fixture<LinliNoticeBoard>(html`<linli-notice-board api=${API} station="s1"></linli-notice-board>`);
    await loaded(board);
    expect(sr(board).querySelector('[role="alert"]')!.textContent).to.include('暂时连不上服务站，请检查网络后再试。');
    reply = () => ({ status: 500, body: { error: 'x', message: 'x' } });
    sr(board).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => text(board).includes('服务站暂时出了点问题，请稍后再试。'));
    reply = () => ({ status: 200, body: { notices: list } });
    sr(board).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => items(board).length === 2);
  });

  it('opens notice-id through the API when the list does not hold it', async () => {
    reply = (url) => (url.pathname.endsWith('/notices/h2') ? { status: 200, body: list[1] } : { status: 200, body: { notices: [list[0]] } });
    const board = await fixture<LinliNoticeBoard>(html`<linli-notice-board api=${API} station="s1" notice-id="h2"></linli-notice-board>`);
    await detailReady(board);
    expect(sr(board).querySelector('.detail h2')!.textContent!.trim()).to.equal('重阳节活动报名');
    expect(requests).to.include(`${API}/stations/s1/notices/h2`);
  });
});

describe('<linli-provider>', () => {
  it('gives every widget inside one shared HttpSource', async () => {
    reply = () => ({ status: 200, body: { notices: list } });
    const provider = await fixture<LinliProvider>(html`<linli-provider api=${API} station="s1" lang="en">
      <linli-notice-board board="公示栏"></linli-notice-board>
      <div><linli-notice-board board="活动"></linli-notice-board></div>
    </linli-provider>`);
    const boards = [...provider.querySelectorAll('linli-notice-board')];
    for (const b of boards) await loaded(b);
    expect(provider.effectiveSource).to.be.instanceOf(HttpSource);
    expect(boards.map((b) => b.dataSource)).to.deep.equal([provider.effectiveSource, provider.effectiveSource]);
    expect(FakeEventSource.all).to.have.length(1);
    await waitUntil(() => text(boards[0]!).includes('2 notices'), 'provider lang not applied');
  });

  it('serves a widget defined before the provider element is', async () => {
    reply = () => ({ status: 200, body: { notices: list } });
    const host = await fixture(html`<div></div>`);
    // Markup with a not-yet-upgraded provider around an upgraded board.
    const late = document.createElement('linli-late-provider');
    const board = document.createElement('linli-notice-board');
    late.append(board);
    host.append(late);
    const { LinliProvider } = await import('../../components/provider/provider.ts');
    class LateProvider extends LinliProvider {}
    customElements.define('linli-late-provider', LateProvider);
    (late as LinliProvider).api = API;
    (late as LinliProvider).station = 's1';
    await loaded(board);
    expect(items(board)).to.have.length(2);
  });
});
