/**
 * The Linli widgets in a React 19 page. The elements are registered before React renders
 * (importing their define modules), so React 19 passes every prop as a property: `limit` as a
 * number, `source` as an object, `period` as a value it can change. Events are `on<event-name>`
 * props with typed details (see linli-jsx.ts).
 */
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../components/provider/define.ts';
import '../../../components/notice-board/define.ts';
import '../../../components/points-ranking/define.ts';
import { HttpSource } from '../../../components/core/http-source.ts';
import type { RankingChangeDetail } from '../../../components/points-ranking/index.ts';
import './linli-jsx.ts';

const STATION = '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f3a1c01';
const API = new URL('/api', location.href).href;

function App(): React.ReactElement {
  const [opened, setOpened] = useState<string[]>([]);
  const [period, setPeriod] = useState<'year' | 'month'>('year');
  const [ranking, setRanking] = useState<RankingChangeDetail | null>(null);
  // An object property: a source made by the page, handed to the board directly.
  const source = useMemo(() => new HttpSource(API, STATION), []);
  return (
    <main>
      <h1>邻里小组件 · React 19</h1>
      <section>
        <h2>公示栏（source 属性）</h2>
        <linli-notice-board id="board" source={source} board="公示栏" limit={3} onlinli-notice-open={(e) => setOpened((o) => [...o, e.detail.noticeId])} />
        <p id="opened">已打开：{opened.length === 0 ? '无' : opened.join('，')}</p>
      </section>
      <section>
        <h2>积分排名（api 和 station 属性）</h2>
        <p>
          <button type="button" id="period" onClick={() => setPeriod((p) => (p === 'year' ? 'month' : 'year'))}>
            React 切换周期（现在：{period === 'year' ? '本年' : '本月'}）
          </button>
        </p>
        <linli-points-ranking
          id="ranking"
          api={API}
          station={STATION}
          period={period}
          limit={5}
          onlinli-ranking-change={(e) => {
            setRanking(e.detail);
            setPeriod(e.detail.period);
          }}
        />
        <p id="ranking-event">排名事件：{ranking ? `${ranking.view} / ${ranking.period}` : '无'}</p>
      </section>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
