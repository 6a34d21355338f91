/**
 * JSX types for the Linli elements in React 19: the element's own properties (set as properties,
 * since React 19 does so for custom elements whose instance has them) and its events as
 * `on<event-name>` props with the typed detail.
 */
import type { DOMAttributes, RefAttributes } from 'react';
import type { LinliNoticeBoard, NoticeEventDetail } from '../../../components/notice-board/index.ts';
import type { LinliPointsRanking, RankingChangeDetail } from '../../../components/points-ranking/index.ts';
import type { LinliPointsShop, RedeemedDetail, RedemptionCancelledDetail } from '../../../components/points-shop/index.ts';
import type { LinliProvider } from '../../../components/provider/index.ts';

type Props<E extends HTMLElement, K extends keyof E> = Partial<Pick<E, K>> &
  DOMAttributes<E> &
  RefAttributes<E> & { class?: string; id?: string; lang?: string; children?: React.ReactNode };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'linli-provider': Props<LinliProvider, 'api' | 'station' | 'source'>;
      'linli-notice-board': Props<LinliNoticeBoard, 'api' | 'station' | 'board' | 'limit' | 'noticeId' | 'source'> & {
        'onlinli-notice-open'?: (e: CustomEvent<NoticeEventDetail>) => void;
        'onlinli-notice-close'?: (e: CustomEvent<NoticeEventDetail>) => void;
      };
      'linli-points-ranking': Props<LinliPointsRanking, 'api' | 'station' | 'period' | 'view' | 'limit' | 'source'> & {
        'onlinli-ranking-change'?: (e: CustomEvent<RankingChangeDetail>) => void;
      };
      'linli-points-shop': Props<LinliPointsShop, 'api' | 'station' | 'source'> & {
        'onlinli-redeemed'?: (e: CustomEvent<RedeemedDetail>) => void;
        'onlinli-redemption-cancelled'?: (e: CustomEvent<RedemptionCancelledDetail>) => void;
        'onlinli-signed-in'?: (e: CustomEvent<void>) => void;
        'onlinli-signed-out'?: (e: CustomEvent<void>) => void;
      };
    }
  }
}
