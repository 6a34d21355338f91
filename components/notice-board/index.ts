export { LinliNoticeBoard, type NoticeDetailHost, type NoticeEventDetail } from './notice-board.ts';
