/** Strings shared by several components: what went wrong reading a source. */
import type { LinliSourceErrorKind } from './source.ts';

export interface SourceErrorStrings {
  errors: Record<LinliSourceErrorKind, string>;
  retry: string;
}

/** What every resident sign-in flow says (the shop's, the meal booking's, the volunteer board's). */
export interface ResidentStrings {
  /** Above the phone + PIN form. */
  signInHint: string;
  signInTitle: string;
  phone: string;
  pin: string;
  pinHint: string;
  submit: string;
  signingIn: string;
  phoneInvalid: string;
  pinInvalid: string;
  /** `{name}` (masked) and `{building}`. */
  who: string;
  signOut: string;
  signedOut: string;
  expired: string;
  back: string;
  retry: string;
}

/** The sign-in's own errors; a flow's table adds its refusals. */
export interface ResidentErrorStrings {
  'wrong-pin': string;
  locked: string;
  'signed-out': string;
}
