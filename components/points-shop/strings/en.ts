import { sourceErrors } from '../../core/strings/en.ts';
import type { ShopStrings } from '../strings.ts';

export const strings: ShopStrings = {
  ...sourceErrors,
  listLabel: 'Points shop',
  loading: 'Loading the points shop…',
  empty: 'There is nothing to redeem at the moment.',
  unavailable: 'This service station does not offer points redemption yet.',
  cost: '{points} points',
  stock: '{count} left',
  soldOut: 'All gone',
  monthlyLimit: 'Up to {count} per person per month',
  notActive: 'Not available at the moment',
  service: 'Service',
  redeem: 'Redeem',
  signIn: 'Sign in to see my points',
  signInHint: 'Sign in with the phone number and PIN registered at the service station to redeem online, then collect at the station.',
  opening: 'Opening…',
  back: 'Back',
};
