/** Notices (公告): the entity, the boards, and the rules for what a reader sees. */

export const BOARDS = ['社区公告', '物业之窗', '公示栏', '活动', '安全提示'] as const;
export type Board = (typeof BOARDS)[number];

export function isBoard(value: unknown): value is Board {
  return typeof value === 'string' && (BOARDS as readonly string[]).includes(value);
}

/** A notice as stored on the server and replicated to kiosks. Times are ISO-8601 UTC strings. */
export interface Notice {
  id: string;
  stationId: string;
  board: Board;
  title: string;
  /** Markdown written by staff; always rendered through a sanitizer, never as raw HTML. */
  body: string;
  /** Image URLs (absolute http(s) or site-relative). */
  images: string[];
  publishAt: string;
  expireAt: string | null;
  pinned: boolean;
  /** An emergency notice takes over every kiosk screen of the station until cleared. */
  emergency: boolean;
  retired: boolean;
  /** Increases by one on every accepted edit; staff edits carry the revision they were based on. */
  revision: number;
  updatedAt: string;
}

/** The fields staff write; the server owns id/station/revision/updatedAt. */
export type NoticeDraft = Pick<
  Notice,
  'board' | 'title' | 'body' | 'images' | 'publishAt' | 'expireAt' | 'pinned' | 'emergency' | 'retired'
>;

export const NOTICE_LIMITS = {
  titleMax: 120,
  bodyMax: 20_000,
  imagesMax: 8,
  imageUrlMax: 2_000,
} as const;

/** Published, not expired, not retired. */
export function isNoticeVisible(notice: Notice, now: Date): boolean {
  if (notice.retired) return false;
  const t = now.getTime();
  if (Date.parse(notice.publishAt) > t) return false;
  if (notice.expireAt !== null && Date.parse(notice.expireAt) <= t) return false;
  return true;
}

/** Pinned first, then newest publication first; ties broken by id so the order is stable. */
export function compareNotices(a: Notice, b: Notice): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.publishAt !== b.publishAt) return a.publishAt < b.publishAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface NoticeQuery {
  boards?: readonly Board[];
  limit?: number;
}

/** The one rule for what a notice list shows: visible notices of the boards, pinned first. */
export function selectVisibleNotices(all: Iterable<Notice>, query: NoticeQuery, now: Date): Notice[] {
  const boards = query.boards && query.boards.length > 0 ? new Set(query.boards) : null;
  const out: Notice[] = [];
  for (const n of all) {
    if (boards && !boards.has(n.board)) continue;
    if (isNoticeVisible(n, now)) out.push(n);
  }
  out.sort(compareNotices);
  return query.limit !== undefined ? out.slice(0, query.limit) : out;
}

/** The current emergency notice of a station, if any (the newest visible one). */
export function currentEmergency(all: Iterable<Notice>, now: Date): Notice | null {
  let best: Notice | null = null;
  for (const n of all) {
    if (!n.emergency || !isNoticeVisible(n, now)) continue;
    if (!best || n.publishAt > best.publishAt) best = n;
  }
  return best;
}

/** Is this URL safe to put in an <img src>? Only http(s) and site-relative paths. */
export function isSafeImageUrl(url: string): boolean {
  if (url.length === 0 || url.length > NOTICE_LIMITS.imageUrlMax) return false;
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Problems in a draft, in plain Chinese, keyed by field; empty when the draft is valid. */
export function validateNoticeDraft(draft: NoticeDraft): Partial<Record<keyof NoticeDraft, string>> {
  const errors: Partial<Record<keyof NoticeDraft, string>> = {};
  if (!isBoard(draft.board)) errors.board = '请选择一个栏目';
  const title = draft.title.trim();
  if (title.length === 0) errors.title = '请填写标题';
  else if (title.length > NOTICE_LIMITS.titleMax) errors.title = `标题不能超过 ${NOTICE_LIMITS.titleMax} 个字`;
  if (draft.body.length > NOTICE_LIMITS.bodyMax) errors.body = `正文不能超过 ${NOTICE_LIMITS.bodyMax} 个字`;
  if (draft.images.length > NOTICE_LIMITS.imagesMax) errors.images = `图片最多 ${NOTICE_LIMITS.imagesMax} 张`;
  else if (draft.images.some((u) => !isSafeImageUrl(u))) errors.images = '图片地址必须以 http:// 或 https:// 开头';
  if (Number.isNaN(Date.parse(draft.publishAt))) errors.publishAt = '发布时间不正确';
  if (draft.expireAt !== null) {
    if (Number.isNaN(Date.parse(draft.expireAt))) errors.expireAt = '下架时间不正确';
    else if (Date.parse(draft.expireAt) <= Date.parse(draft.publishAt)) errors.expireAt = '下架时间必须晚于发布时间';
  }
  return errors;
}
