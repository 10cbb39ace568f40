// The official working calendar (производственный календарь), one year a record: what the server
// ships from the decrees and what admins correct or add in the console.
import { z } from 'zod';

export const isoDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const calendarYearSchema = z.object({
  region: z.string().min(2).max(20),
  year: z.number().int().min(2000).max(2100),
  /** the decree (or, for a provisional year, the law) the days come from */
  source: z.string().max(500),
  /**
   * A forecast made from the Labour Code alone (art. 112: holidays, a holiday on a weekend moves
   * to the next working day; art. 95: the day before a holiday is an hour shorter) before the
   * year's decree is known; the decree's own transfers are missing until an admin enters them.
   */
  provisional: z.boolean().optional(),
  /** weekdays that are days off: holidays and days off moved onto weekdays */
  nonWorking: z.array(isoDaySchema).max(366),
  /** the public holidays themselves (also when they fall on a weekend), for holiday opening hours */
  holidays: z.array(isoDaySchema).max(366),
  transfers: z.array(z.object({ from: isoDaySchema, to: isoDaySchema })).max(60),
  /** weekend days made working days by a decree */
  workingWeekends: z.array(isoDaySchema).max(120),
  /** pre-holiday working days one hour shorter */
  shortened: z.array(isoDaySchema).max(120),
});
export type CalendarYear = z.infer<typeof calendarYearSchema>;

/** What the console edits: a year's days and where they come from (the year and region are in the address). */
export const calendarYearBodySchema = calendarYearSchema
  .omit({ region: true, year: true })
  .extend({ source: z.string().trim().min(1).max(500) })
  .strict();
export type CalendarYearBody = z.infer<typeof calendarYearBodySchema>;

export const calendarYearParamsSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const calendarYearSummarySchema = z.object({
  region: z.string(),
  year: z.number().int(),
  source: z.string(),
  provisional: z.boolean(),
  /** 'shipped': from the data files that come with the server; 'console': saved by an admin */
  origin: z.enum(['shipped', 'console']),
  workingDays: z.number().int(),
  daysOff: z.number().int(),
  updatedAt: z.string(),
});
export type CalendarYearSummary = z.infer<typeof calendarYearSummarySchema>;

export const calendarYearListSchema = z.object({ items: z.array(calendarYearSummarySchema) });

export const calendarYearDetailSchema = calendarYearSummarySchema.extend({ days: calendarYearSchema });
export type CalendarYearDetail = z.infer<typeof calendarYearDetailSchema>;
