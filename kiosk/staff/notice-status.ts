/** What staff see about a notice's state in their list. */
import { isNoticeVisible, type Notice } from '../../domain/index.ts';

export type NoticeState = 'published' | 'scheduled' | 'expired' | 'retired';

export function noticeState(notice: Notice, now: Date): NoticeState {
  if (notice.retired) return 'retired';
  if (Date.parse(notice.publishAt) > now.getTime()) return 'scheduled';
  if (!isNoticeVisible(notice, now)) return 'expired';
  return 'published';
}

/** Staff list order: emergencies first, then by last change, newest first. */
export function compareForStaff(a: Notice, b: Notice): number {
  if (a.emergency !== b.emergency) return a.emergency ? -1 : 1;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.id < b.id ? -1 : 1;
}
