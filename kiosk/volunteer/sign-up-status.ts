/** A sign-up's state in the resident's words (the list, 我的, the staff attendance list). */
import { fill } from '../../components/core/i18n.ts';
import type { Activity } from '../../domain/volunteer.ts';
import type { MineVolunteerStatus, VolunteerStrings } from './strings.ts';
import type { LocalSignUp } from './volunteer-data.ts';

export function signUpState(signUp: Pick<LocalSignUp, 'status' | 'checkInAt' | 'checkOutAt'>, activity?: Pick<Activity, 'cancelled'> | null): MineVolunteerStatus {
  if (activity?.cancelled && signUp.status !== 'refused') return 'activityCancelled';
  if (signUp.status !== 'confirmed') return signUp.status;
  return signUp.checkOutAt ? 'checkedOut' : signUp.checkInAt ? 'checkedIn' : 'confirmed';
}

/** "已报上名", "候补第 2 位", "登记成功，联网后确认"… */
export function signUpStatusWords(signUp: Pick<LocalSignUp, 'status' | 'checkInAt' | 'checkOutAt'>, place: number | null, t: VolunteerStrings, activity?: Pick<Activity, 'cancelled'> | null): string {
  return fill(t.board.status[signUpState(signUp, activity)], { n: place ?? '' });
}
