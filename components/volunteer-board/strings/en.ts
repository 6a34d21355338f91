import { sourceErrors } from '../../core/strings/en.ts';
import type { BoardStrings } from '../strings.ts';

export const strings: BoardStrings = {
  ...sourceErrors,
  title: 'Coming up',
  loading: 'Loading volunteer activities…',
  empty: 'No volunteer activities coming up.',
  unavailable: 'This station does not take sign-ups online yet.',
  when: '{day} {from}–{to}',
  placeLabel: 'Place',
  requirementsLabel: 'Requirements',
  placesLeft: '{count} places left',
  full: 'Full: you can join the waiting list ({count} waiting)',
  closed: 'Sign-up closed',
  deadline: 'Sign up by {time}',
  ageBetween: 'Ages {min}–{max}',
  ageFrom: 'Age {min} and over',
  ageTo: 'Age {max} and under',
  pointsPerHour: '{points} points per hour of service',
  signUp: 'Sign up',
  waitlist: 'Join the waiting list',
  signIn: 'Sign in to sign up',
  signInHint: 'Sign in with the phone number and PIN registered at the station to sign up, cancel and see your activities.',
  opening: 'Opening…',
  back: 'Back',
};
