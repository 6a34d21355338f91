import { aTimeout, expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { countNodes, detailReady, items, loaded, memory, mount, notice, openDetail, sr, text, titles } from './helpers.ts';

function sample() {
  return [
    notice({ id: 'old', title: '旧通知', publishAt: '2026-11-01T00:00:00.000Z' }),
    notice({ id: 'new', title: '新通知', publishAt: '2026-11-22T00:00:00.000Z' }),
    notice({ id: 'pin', title: '停水通知', pinned: true, publishAt: '2026-10-01T00:00:00.000Z' }),
    notice({ id: 'later', title: '还没发布', publishAt: '2026-11-24T00:00:00.000Z' }),
    notice({ id: 'gone', title: '已过期', expireAt: '2026-11-23T07:00:00.000Z' }),
    notice({ id: 'retired', title: '已撤下', retired: true }),
    notice({ id: 'gs', title: '低保公示', board: '公示栏', publishAt: '2026-11-21T00:00:00.000Z' }),
    notice({ id: 'act', title: '重阳节活动', board: '活动', publishAt: '2026-11-19T00:00:00.000Z' }),
  ];
}

describe('<linli-notice-board> list', () => {
  it('shows visible notices, pinned first with a text badge, then newest; hides scheduled, expired and retired', async () => {
    const board = await mount(memory(sample()));
    expect(titles(board)).to.deep.equal(['置顶 停水通知', '新通知', '低保公示', '重阳节活动', '旧通知']);
    const badge = items(board)[0]!.querySelector('.badge')!;
    expect(badge.textContent).to.equal('置顶');
    expect(text(board)).to.include('共 5 条公告');
    expect(text(board)).not.to.include('还没发布');
    expect(text(board)).not.to.include('已过期');
    expect(text(board)).not.to.include('已撤下');
    await expect(board).to.be.accessible();
  });

  it('shows the board name and the date of each notice', async () => {
    const board = await mount(memory(sample()), { board: '公示栏' });
    const row = items(board)[0]!;
    expect(row.querySelector('.meta')!.textContent!.replace(/\s+/g, ' ')).to.equal('公示栏 · 2026年11月21日');
    expect(row.querySelector('time')!.getAttribute('datetime')).to.equal('2026-11-21T00:00:00.000Z');
  });

  it('filters by comma-separated boards and limits the count', async () => {
    const board = await mount(memory(sample()), { board: '公示栏, 活动' });
    expect(titles(board)).to.deep.equal(['低保公示', '重阳节活动']);
    board.limit = 1;
    await loaded(board);
    await waitUntil(() => items(board).length === 1);
    expect(titles(board)).to.deep.equal(['低保公示']);
    board.board = '';
    board.limit = 2;
    await waitUntil(() => titles(board)[1] === '新通知');
    expect(titles(board)).to.deep.equal(['置顶 停水通知', '新通知']);
  });

  it('shows an empty state', async () => {
    const board = await mount(memory([]));
    expect(text(board)).to.include('现在还没有公告。');
    await expect(board).to.be.accessible();
  });

  it('shows a loading state while the source answers', async () => {
    const board = await mount(memory(sample(), 300), {}, 'none');
    expect(sr(board).querySelector('[role="status"]')!.textContent).to.equal('正在加载公告…');
    await expect(board).to.be.accessible();
    await loaded(board);
    expect(items(board)).to.have.length(5);
  });

  it('shows an error in plain words with 重试, and retries', async () => {
    const source = memory(sample());
    source.error = new Error('boom');
    const board = await mount(source);
    const alert = sr(board).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.include('暂时连不上服务站，请检查网络后再试。');
    await expect(board).to.be.accessible();
    source.error = null;
    const retry = alert.querySelector('button')!;
    expect(retry.textContent!.trim()).to.equal('重试');
    retry.click();
    await waitUntil(() => items(board).length === 5, 'retry did not load the list');
  });

  it('fetches again when the source says it changed', async () => {
    const source = memory(sample());
    const board = await mount(source);
    expect(source.subscriberCount).to.equal(1);
    source.put(notice({ id: 'fresh', title: '紧急停电通知', publishAt: '2026-11-23T07:00:00.000Z' }));
    await waitUntil(() => titles(board)[1] === '紧急停电通知', 'no refetch after the change');
    board.remove();
    expect(source.subscriberCount).to.equal(0);
  });

  it('switches language: zh-TW and en tables, and back', async () => {
    const board = await mount(memory(sample()), { lang: 'zh-TW' });
    await waitUntil(() => text(board).includes('共 5 則公告'));
    expect(items(board)[0]!.querySelector('.badge')!.textContent).to.equal('置頂');
    expect(text(board)).to.include('公示欄');
    board.setAttribute('lang', 'en');
    await waitUntil(() => text(board).includes('5 notices'));
    expect(items(board)[0]!.querySelector('.badge')!.textContent).to.equal('Pinned');
    expect(text(board)).to.include('Public disclosures');
    expect(text(board)).to.include('November 21, 2026');
    await expect(board).to.be.accessible();
    board.setAttribute('lang', 'zh-CN');
    await waitUntil(() => text(board).includes('共 5 条公告'));
  });

  it('follows the lang of its provider', async () => {
    const board = await mount(memory(sample()), { lang: '' });
    board.removeAttribute('lang');
    const provider = board.parentElement!;
    provider.setAttribute('lang', 'en');
    await waitUntil(() => text(board).includes('5 notices'), 'provider lang not followed');
  });
});

describe('<linli-notice-board> detail', () => {
  const body = '第一段，**重要**。\n\n- 地点：服务站一楼\n- 电话：13812345678\n\n[详情](https://example.gov.cn/a)';

  it('opens on click with title, board, date, body, images, QR and fires linli-notice-open', async () => {
    const source = memory([notice({ id: 'a', title: '停水通知', body, images: ['https://img.example/a.jpg', 'javascript:alert(1)'] })]);
    const board = await mount(source);
    const opened = oneEvent(board, 'linli-notice-open');
    items(board)[0]!.click();
    const ev = await opened;
    expect(ev.detail).to.deep.equal({ noticeId: 'a' });
    expect(ev.bubbles).to.equal(true);
    expect(ev.composed).to.equal(true);
    await detailReady(board);
    const detail = sr(board).querySelector('[part~="detail"]')!;
    expect(detail.querySelector('h2')!.textContent!.trim()).to.equal('停水通知');
    expect(detail.querySelector('.meta')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('社区公告 · 2026年11月20日');
    await waitUntil(() => detail.querySelector('[part~="body"] strong'), 'markdown not rendered');
    const bodyEl = detail.querySelector('[part~="body"]')!;
    expect(bodyEl.querySelector('strong')!.textContent).to.equal('重要');
    expect(bodyEl.querySelectorAll('li')).to.have.length(2);
    const link = bodyEl.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://example.gov.cn/a');
    expect(link.rel).to.equal('noopener noreferrer');
    const imgs = detail.querySelectorAll('img.picture');
    expect(imgs).to.have.length(1);
    expect(imgs[0]!.getAttribute('src')).to.equal('https://img.example/a.jpg');
    expect(imgs[0]!.getAttribute('alt')).to.equal('《停水通知》的配图 1');
    await waitUntil(() => detail.querySelector('[part~="qr"] svg'), 'QR not rendered');
    const svg = detail.querySelector('[part~="qr"] svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('这条公告的二维码');
    expect(svg.querySelector('path')!.getAttribute('d')!.length).to.be.greaterThan(100);
    expect(detail.querySelector('figcaption')!.textContent).to.equal('用手机扫一扫，把这条公告带回家');
    // The list stays in the DOM, hidden, so 返回 finds its row again.
    expect((sr(board).querySelector('.view') as HTMLElement).hidden).to.equal(true);
    expect(sr(board).activeElement).to.equal(detail.querySelector('h2'));
    await expect(board).to.be.accessible();
  });

  it('返回 closes, fires linli-notice-close and returns focus to the row', async () => {
    const board = await mount(memory(sample()));
    await openDetail(board, 2);
    const closed = oneEvent(board, 'linli-notice-close');
    const back = sr(board).querySelector<HTMLButtonElement>('.detail .back')!;
    expect(back.textContent!.trim()).to.equal('返回');
    back.click();
    const ev = await closed;
    expect(ev.detail).to.deep.equal({ noticeId: 'gs' });
    await board.updateComplete;
    await waitUntil(() => sr(board).activeElement === items(board)[2]);
    expect(sr(board).querySelector('[part~="detail"]')).to.equal(null);
  });

  it('works from the keyboard: Tab to a row, Enter opens, Escape returns focus', async () => {
    const board = await mount(memory(sample()));
    items(board)[0]!.focus();
    await sendKeys({ press: 'Tab' });
    expect(sr(board).activeElement).to.equal(items(board)[1]);
    const opened = oneEvent(board, 'linli-notice-open');
    await sendKeys({ press: 'Enter' });
    expect((await opened).detail).to.deep.equal({ noticeId: 'new' });
    await detailReady(board);
    const closed = oneEvent(board, 'linli-notice-close');
    await sendKeys({ press: 'Escape' });
    expect((await closed).detail).to.deep.equal({ noticeId: 'new' });
    await waitUntil(() => sr(board).activeElement === items(board)[1], 'focus did not return');
  });

  it('Space on a row and Enter on 返回 work too', async () => {
    const board = await mount(memory(sample()));
    items(board)[3]!.focus();
    await sendKeys({ press: 'Space' });
    await detailReady(board);
    sr(board).querySelector<HTMLButtonElement>('.detail .back')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sr(board).activeElement === items(board)[3]);
  });

  it('opens a notice directly with notice-id, and shows not-found for an invisible one', async () => {
    const source = memory(sample());
    const board = await mount(source, { noticeId: 'act' }, 'none');
    await detailReady(board);
    expect(sr(board).querySelector('.detail h2')!.textContent!.trim()).to.equal('重阳节活动');
    board.noticeId = 'retired';
    await waitUntil(() => sr(board).querySelector('[role="alert"]'));
    expect(text(board)).to.include('没有找到这条内容，它可能已经撤下了。');
    await expect(board).to.be.accessible();
  });

  it('opens the notice named in #linli-notice= (where its QR code points)', async () => {
    history.replaceState(null, '', '#linli-notice=gs');
    try {
      const board = await mount(memory(sample()), {}, 'none');
      await detailReady(board);
      expect(sr(board).querySelector('.detail h2')!.textContent!.trim()).to.equal('低保公示');
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('takes a notice retired while open off the screen', async () => {
    const source = memory(sample());
    const board = await mount(source);
    await openDetail(board, 1);
    source.put({ ...sample()[1]!, id: 'new', retired: true });
    await waitUntil(() => sr(board).querySelector('[role="alert"]'), 'retired notice stayed');
    expect(sr(board).querySelector('[part~="detail"]')).to.equal(null);
  });

  it('A+ / A− enlarge the text by three em steps and stop at the ends', async () => {
    const board = await mount(memory([notice({ title: '字号', body: '正文' })]));
    await openDetail(board);
    const root = sr(board);
    await waitUntil(() => root.querySelector('[part~="body"] p'));
    const size = (): number => parseFloat(getComputedStyle(root.querySelector('[part~="body"] p')!).fontSize);
    const larger = root.querySelector<HTMLButtonElement>('.larger')!;
    const smaller = root.querySelector<HTMLButtonElement>('.smaller')!;
    const base = size();
    expect(smaller.disabled).to.equal(true);
    const seen = [base];
    for (let i = 0; i < 3; i++) {
      larger.click();
      await board.updateComplete;
      seen.push(size());
    }
    expect(seen.map((s) => Math.round((s / base) * 100) / 100)).to.deep.equal([1, 1.17, 1.33, 1.5]);
    expect(larger.disabled).to.equal(true);
    await expect(board).to.be.accessible();
    smaller.click();
    await board.updateComplete;
    expect(size()).to.be.closeTo(base * 1.33, 0.05);
  });

  it('shows the detail in English', async () => {
    const board = await mount(memory([notice({ title: 'Water' })]), { lang: 'en' });
    await waitUntil(() => items(board).length === 1);
    await openDetail(board);
    const root = sr(board);
    expect(root.querySelector('.detail .back')!.textContent!.trim()).to.equal('Back');
    expect(root.querySelector('.larger .visually-hidden')!.textContent).to.equal('Larger text');
    expect(root.querySelector('figcaption')!.textContent).to.equal('Scan with your phone to take this notice home');
  });
});

describe('<linli-notice-board> with 5,000 notices', () => {
  function many(n: number) {
    return Array.from({ length: n }, (_, i) =>
      notice({ id: `m${i}`, title: `第 ${i} 条通知`, publishAt: new Date(Date.UTC(2026, 10, 20) - i * 60_000).toISOString() }),
    );
  }

  it('keeps the DOM under 800 nodes, and scrolling shows later notices', async () => {
    const board = await mount(memory(many(5000)));
    expect(text(board)).to.include('共 5,000 条公告');
    const nodes = countNodes(board);
    expect(nodes).to.be.lessThan(800);
    const scroller = sr(board).querySelector<HTMLElement>('[part~="list"]')!;
    expect(scroller.scrollHeight).to.be.greaterThan(5000 * 50);
    scroller.scrollTop = 2500 * (scroller.scrollHeight / 5000);
    await waitUntil(() => titles(board).includes('第 2500 条通知'), 'scrolling did not render later rows');
    expect(countNodes(board)).to.be.lessThan(800);
    const row = items(board).find((b) => b.dataset.id === 'm2500')!;
    expect(row.closest('li')!.getAttribute('aria-posinset')).to.equal('2501');
    expect(row.closest('li')!.getAttribute('aria-setsize')).to.equal('5000');
    await expect(board).to.be.accessible();
  });

  it('returns focus to a row far down the list', async () => {
    const board = await mount(memory(many(5000)));
    const scroller = sr(board).querySelector<HTMLElement>('[part~="list"]')!;
    scroller.scrollTop = 4000 * (scroller.scrollHeight / 5000);
    await waitUntil(() => items(board).some((b) => b.dataset.id === 'm4001'));
    items(board).find((b) => b.dataset.id === 'm4001')!.click();
    await detailReady(board);
    sr(board).querySelector<HTMLButtonElement>('.detail .back')!.click();
    await waitUntil(() => (sr(board).activeElement as HTMLElement | null)?.dataset.id === 'm4001', 'focus not returned');
  });

  it('Tab moves row by row past the rendered window', async () => {
    const board = await mount(memory(many(500)));
    items(board)[0]!.focus();
    for (let i = 0; i < 40; i++) await sendKeys({ press: 'Tab' });
    await aTimeout(50);
    expect((sr(board).activeElement as HTMLElement).dataset.id).to.equal('m40');
  });

  // Speed is measured by `npm run bench` (render.notices-5000.first_ms), never by a timed test.
  it('mounts 5,000 notices and counts them all', async () => {
    const board = await mount(memory(many(5000)));
    expect(items(board).length).to.be.greaterThan(0);
    expect(text(board)).to.contain('共 5,000 条公告');
  });

  it('paints the first page before the whole list arrives, without a count yet', async () => {
    const source = memory(many(500));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const original = source.notices.bind(source);
    const calls: (number | undefined)[] = [];
    source.notices = async (query) => {
      calls.push(query.limit);
      if (query.limit === undefined) await gate;
      return original(query);
    };
    const board = await mount(source, {}, 'none');
    await waitUntil(() => items(board).length > 0, 'first page did not paint');
    expect(sr(board).querySelector('.count')!.textContent!.trim()).to.equal('');
    expect(calls).to.deep.equal([20, undefined]);
    release();
    await loaded(board);
    expect(text(board)).to.contain('共 500 条公告');
  });
});
