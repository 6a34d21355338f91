import type { ResidentErrorStrings, ResidentStrings } from '../strings.ts';

/** The resident sign-in's words, English; each flow's table spreads them. */
export const residentStrings: ResidentStrings = {
  signInHint: 'Enter the phone number and 4-digit PIN registered at the service station. Forgot the PIN? Ask the station staff.',
  signInTitle: 'Sign in',
  phone: 'Phone number',
  pin: 'PIN',
  pinHint: '4 digits',
  submit: 'Sign in',
  signingIn: 'Signing in…',
  phoneInvalid: 'Please enter an 11-digit phone number.',
  pinInvalid: 'The PIN is 4 digits. Please enter it again.',
  who: '{name} ({building})',
  signOut: 'Sign out',
  signedOut: 'You have signed out.',
  expired: 'For your safety you were signed out. Sign in again when you need to.',
  back: 'Back',
  retry: 'Try again',
};

export const residentErrors: ResidentErrorStrings = {
  'wrong-pin': 'The phone number or PIN is not right. Please try again.',
  locked: 'Too many wrong PINs: sign-in is locked for a while. Try again later or ask the station staff.',
  'signed-out': 'Your sign-in has expired. Please sign in again.',
};
