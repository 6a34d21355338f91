export { LinliMealBooking, type MealBookedDetail, type MealBookingHost, type MealCancelledDetail } from './meal-booking.ts';
