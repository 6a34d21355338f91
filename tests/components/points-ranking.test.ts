import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { PointsRanking } from '../../domain/points.ts';
import { MemorySource } from '../../components/core/memory-source.ts';
import type { PointsSource } from '../../components/core/points-source.ts';
import { everything, mountRanking, points, RESIDENTS, source, sr, text } from './points-helpers.ts';

function rows(el: Element): string[][] {
  return [...sr(el).querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
}

function toggle(el: Element, label: string): HTMLButtonElement {
  return [...sr(el).querySelectorAll<HTMLButtonElement>('[part~="toggle"]')].find((b) => b.textContent!.trim() === label)!;
}

describe('<linli-points-ranking>', () => {
  it('ranks residents with masked names, building and points; equal points share a rank', async () => {
    const el = await mountRanking(source());
    expect(rows(el)).to.deep.equal([
      ['1', '张*华', '3号楼', '480'],
      ['2', '欧**娜', '3号楼', '300'],
      ['2', '李*英', '5号楼', '300'],
    ]);
    expect(sr(el).querySelector('caption')!.textContent).to.match(/^\d{4}年居民积分排名$/);
    expect([...sr(el).querySelectorAll('thead th')].map((th) => th.textContent)).to.deep.equal(['名次', '居民', '楼栋', '积分']);
    expect(toggle(el, '居民排名').getAttribute('aria-pressed')).to.equal('true');
    expect(toggle(el, '本年').getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('never shows a full name or phone number, and leaves out residents who opted out', async () => {
    const el = await mountRanking(source());
    for (const view of ['居民排名', '楼栋合计']) {
      toggle(el, view).click();
      await el.updateComplete;
      const all = everything(sr(el));
      for (const r of RESIDENTS) {
        expect(all, r.name).not.to.include(r.name);
        expect(all, r.phone).not.to.include(r.phone);
        expect(all, r.phone).not.to.include(r.phone.slice(-4));
      }
      expect(all).not.to.include('王');
      expect(all).not.to.include('7号楼');
    }
  });

  it('shows building totals (opt-outs not counted) and tells the page which view was chosen', async () => {
    const el = await mountRanking(source());
    const event = oneEvent(el, 'linli-ranking-change');
    toggle(el, '楼栋合计').click();
    expect((await event).detail).to.deep.equal({ view: 'buildings', period: 'year' });
    await el.updateComplete;
    expect(el.getAttribute('view')).to.equal('buildings');
    expect(rows(el)).to.deep.equal([
      ['3号楼', '2', '780'],
      ['5号楼', '1', '300'],
    ]);
    expect(sr(el).querySelector('caption')!.textContent).to.match(/各楼栋积分合计$/);
    expect(toggle(el, '楼栋合计').getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('switches to this month', async () => {
    const el = await mountRanking(source());
    toggle(el, '本月').click();
    await waitUntil(() => rows(el).length === 2, 'month ranking did not load');
    expect(rows(el)).to.deep.equal([
      ['1', '李*英', '5号楼', '80'],
      ['2', '张*华', '3号楼', '60'],
    ]);
    expect(sr(el).querySelector('caption')!.textContent).to.match(/^\d{4}年\d{1,2}月居民积分排名$/);
    expect(toggle(el, '本月').getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('fetches again when the station pokes', async () => {
    const p = points();
    const src = source(p);
    const el = await mountRanking(src);
    p.residents.get('r2')!.earnedYear = 999;
    src.changed();
    await waitUntil(() => rows(el)[0]?.[1] === '李*英', 'ranking did not refresh');
    expect(rows(el)[0]).to.deep.equal(['1', '李*英', '5号楼', '999']);
  });

  it('masks names again even if a server sends them whole', async () => {
    const leaky: PointsRanking = { period: '2026', residents: [{ rank: 1, name: '赵大明', building: '1号楼', points: 10 }], buildings: [] };
    const p = points();
    const src = new MemorySource([], { points: { ...stub(p), ranking: async () => leaky } });
    const el = await mountRanking(src);
    expect(rows(el)).to.deep.equal([['1', '赵*明', '1号楼', '10']]);
    expect(everything(sr(el))).not.to.include('赵大明');
  });

  it('says so in plain words when the station has no points, and when nobody is listed', async () => {
    const el = await mountRanking(new MemorySource([]));
    expect(text(el)).to.include('这个服务站还没有开通积分公示。');
    await expect(el).to.be.accessible();
    const empty = await mountRanking(source(points()), { period: 'month' });
    const p = points();
    for (const r of p.residents.values()) r.earnedMonth = 0;
    const none = await mountRanking(source(p), { period: 'month' });
    expect(text(none)).to.include('这段时间还没有人获得积分。');
    expect(rows(empty).length).to.equal(2);
  });

  it('shows an error with 重试, and retries', async () => {
    const p = points();
    p.error = new Error('down');
    const el = await mountRanking(source(p));
    const alert = sr(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.include('暂时连不上服务站，请检查网络后再试。');
    await expect(el).to.be.accessible();
    p.error = null;
    alert.querySelector('button')!.click();
    await waitUntil(() => rows(el).length === 3, 'retry did not load');
  });

  it('speaks English and Traditional Chinese from lazily loaded tables', async () => {
    const en = await mountRanking(source(), { lang: 'en' });
    await waitUntil(() => text(en).includes('Rank'), 'en table did not load');
    expect([...sr(en).querySelectorAll('thead th')].map((th) => th.textContent)).to.deep.equal(['Rank', 'Resident', 'Building', 'Points']);
    const tw = await mountRanking(source(), { lang: 'zh-TW', view: 'buildings' });
    await waitUntil(() => text(tw).includes('樓棟'), 'zh-TW table did not load');
    expect(sr(tw).querySelector('caption')!.textContent).to.match(/各樓棟積分合計$/);
  });
});

/** A PointsSource that forwards to a MemoryPoints (to override one method). */
function stub(p: PointsSource): PointsSource {
  return {
    catalogue: () => p.catalogue(),
    ranking: (x) => p.ranking(x),
    signIn: (a, b) => p.signIn(a, b),
    account: (s) => p.account(s),
    redeem: (s, r) => p.redeem(s, r),
    cancel: (s, id) => p.cancel(s, id),
  };
}
