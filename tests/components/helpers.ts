/** Shared fixtures for the component tests: notices, a memory source behind a real provider. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import type { Notice } from '../../domain/index.ts';
import { MemorySource } from '../../components/core/memory-source.ts';
import type { LinliNoticeBoard } from '../../components/notice-board/notice-board.ts';
import '../../components/provider/define.ts';
import '../../components/notice-board/define.ts';

export const NOW = new Date('2026-11-23T08:00:00Z');

let seq = 0;
export function notice(over: Partial<Notice> = {}): Notice {
  seq++;
  return {
    id: `n${seq}`,
    stationId: 's1',
    board: '社区公告',
    title: `通知 ${seq}`,
    body: '',
    images: [],
    publishAt: '2026-11-20T00:00:00.000Z',
    expireAt: null,
    pinned: false,
    emergency: false,
    retired: false,
    revision: 1,
    updatedAt: '2026-11-20T00:00:00.000Z',
    ...over,
  };
}

export function memory(notices: Notice[], latency = 0): MemorySource {
  return new MemorySource(notices, { now: () => NOW, latency, noticeBase: 'https://linli.example/n/' });
}

export interface Mounted {
  board: LinliNoticeBoard;
  source: MemorySource;
}

/** A board inside a real <linli-provider> that provides `source`; waits for the first list. */
export async function mount(
  source: MemorySource,
  attrs: { board?: string; limit?: number; lang?: string; noticeId?: string } = {},
  wait: 'list' | 'none' = 'list',
): Promise<LinliNoticeBoard> {
  const provider = await fixture(html`<linli-provider .source=${source}>
    <linli-notice-board
      board=${attrs.board ?? ''}
      limit=${attrs.limit ?? 0}
      lang=${attrs.lang ?? 'zh-CN'}
      notice-id=${attrs.noticeId ?? ''}
    ></linli-notice-board>
  </linli-provider>`);
  const board = provider.querySelector('linli-notice-board')!;
  if (wait === 'list') await loaded(board);
  await board.updateComplete;
  return board;
}

/**
 * The list finished loading: a list with its count (shown once the whole list is in, not just the
 * first page), the empty message or an error is on screen.
 */
export async function loaded(board: LinliNoticeBoard): Promise<void> {
  await waitUntil(
    () => {
      const view = sr(board).querySelector('.view');
      if (!view || view.querySelector('.loading')) return false;
      const count = view.querySelector('.count');
      return !count || (count.textContent ?? '').trim() !== '';
    },
    'list did not load',
    { timeout: 4000 },
  );
  await board.updateComplete;
}

export function sr(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

export function items(board: Element): HTMLButtonElement[] {
  return [...sr(board).querySelectorAll<HTMLButtonElement>('[part~="item"]')];
}

export function titles(board: Element): string[] {
  return items(board).map((b) => b.querySelector('[part~="title"]')!.textContent!.replace(/\s+/g, ' ').trim());
}

/** Visible text of the board, shadow root included. */
export function text(board: Element): string {
  return (sr(board).textContent ?? '').replace(/\s+/g, ' ');
}

export async function openDetail(board: LinliNoticeBoard, index = 0): Promise<void> {
  items(board)[index]!.click();
  await detailReady(board);
}

export async function detailReady(board: LinliNoticeBoard): Promise<void> {
  await waitUntil(() => sr(board).querySelector('[part~="detail"] h2'), 'detail did not open', { timeout: 5000 });
  await board.updateComplete;
}

/** Every node (elements, text, comments), crossing into shadow roots. */
export function countNodes(root: Node): number {
  let n = 1;
  if (root instanceof Element && root.shadowRoot) n += countNodes(root.shadowRoot);
  for (const child of root.childNodes) n += countNodes(child);
  return n;
}
