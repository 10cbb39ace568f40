// Public surface of the official calendar: one library for the whole product.
export { MissingCalendarYearError, OfficialCalendar, calendarYearSchema, moscowDay, nextDay, shippedYears, type CalendarYear } from './official-calendar.ts';
export { listCalendarYears, loadCalendar, readCalendarYear, seedCalendar } from './calendar-store.ts';
export { registerCalendarRoutes } from './routes.ts';
