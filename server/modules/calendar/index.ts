// Public surface of the official calendar: one library for the whole product.
export { MissingCalendarYearError, OfficialCalendar, calendarYearSchema, moscowDay, nextDay, shippedYears, type CalendarYear } from './official-calendar.ts';
export { loadCalendar, seedCalendar } from './calendar-store.ts';
