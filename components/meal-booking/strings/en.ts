import { sourceErrors } from '../../core/strings/en.ts';
import type { MealStrings } from '../strings.ts';

export const strings: MealStrings = {
  ...sourceErrors,
  title: "This week's menu",
  week: '{from} to {to}',
  loading: 'Loading the menu…',
  empty: "This week's menu has not been published yet.",
  unavailable: 'This station does not take meal bookings online yet.',
  meals: { lunch: 'Lunch', dinner: 'Dinner' },
  set: 'Set {code}',
  seatsLeft: '{count} left',
  full: 'Fully booked',
  closed: 'Booking closed',
  closes: 'Book by {time}',
  variants: 'Can be made: ',
  dietLabel: 'Diet tags',
  diet: { 低盐: 'Low salt', 低糖: 'Low sugar', 低脂: 'Low fat', 软食: 'Soft', 流食: 'Liquid', 清真: 'Halal', 素食: 'Vegetarian' },
  health: { red: 'Red: eat little', amber: 'Amber: in moderation', green: 'Green: fine to eat' },
  book: 'Book this meal',
  signIn: 'Sign in to book',
  signInHint: 'Sign in with the phone number and PIN registered at the station to book or cancel meals online. Family members may book with the resident’s phone and PIN.',
  opening: 'Opening…',
  back: 'Back',
};
