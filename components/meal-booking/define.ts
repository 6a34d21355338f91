import { defineElement } from '../core/define.ts';
import { LinliMealBooking } from './meal-booking.ts';

defineElement('linli-meal-booking', LinliMealBooking);
