// Service centres and the visit queue: the API contract for the server and the web client.
import { z } from 'zod';

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
const isOpening = (v: string) => hhmm.test(v);
const isClosing = (v: string) => hhmm.test(v) || v === '24:00';
/** Opening at HH:MM, closing at HH:MM or 24:00 (midnight at the end of the day), after the opening. */
export const centreIntervalSchema = z
  .object({
    open: z.string().refine(isOpening, { message: 'TIME_INVALID' }),
    close: z.string().refine(isClosing, { message: 'TIME_INVALID' }),
  })
  // a malformed time is reported once, by its own field
  .refine((i) => !isOpening(i.open) || !isClosing(i.close) || i.open < i.close, { message: 'TIME_INVALID', path: ['close'] });
export type CentreInterval = z.infer<typeof centreIntervalSchema>;

export const weekdayKeys = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** Monday = 1 … Sunday = 7 (ISO), Moscow time; a missing or null day is closed. */
export const centreScheduleSchema = z.object({
  days: z.partialRecord(z.enum(weekdayKeys), centreIntervalSchema.nullable()),
  /** hours on non-working holidays of the official calendar (transferred days included); null = closed */
  holiday: centreIntervalSchema.nullable().default(null),
});
export type CentreSchedule = z.infer<typeof centreScheduleSchema>;

/** A date closed (no hours) or with special hours. */
export const centreExceptionSchema = z
  .object({
    date: z.string().date(),
    open: z.string().refine(isOpening, { message: 'TIME_INVALID' }).nullable().default(null),
    close: z.string().refine(isClosing, { message: 'TIME_INVALID' }).nullable().default(null),
    note: z.string().trim().max(300).nullable().default(null),
  })
  .refine((e) => (e.open === null) === (e.close === null) && (e.open === null || e.close === null || !isOpening(e.open) || !isClosing(e.close) || e.open < e.close), {
    message: 'TIME_INVALID',
    path: ['close'],
  });
export type CentreException = z.infer<typeof centreExceptionSchema>;

export const postcodeSchema = z.string().trim().refine((v) => /^\d{6}$/.test(v), { message: 'POSTCODE_INVALID' });

export const centreInputSchema = z.object({
  /** the centre's code in an external register; import updates the centre with the same code */
  code: z.string().trim().min(1).max(64).nullable().default(null),
  name: z.string().trim().min(3).max(200),
  address: z.string().trim().min(5).max(500),
  postcode: postcodeSchema,
  region: z.string().trim().min(2).max(200),
  phone: z.string().trim().min(5).max(40).nullable().default(null),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  schedule: centreScheduleSchema,
  exceptions: z.array(centreExceptionSchema).max(400).default([]),
  services: z.array(z.string().trim().min(2).max(200)).max(50).default([]),
  /** demo data, shown with a «sample» mark */
  sample: z.boolean().default(false),
});
export type CentreInput = z.infer<typeof centreInputSchema>;

export const centreStatusSchema = z.object({
  open: z.boolean(),
  closesAt: z.string().optional(),
  opensAt: z.string().optional(),
  /** «Открыто сейчас, до 20:00 (МСК)» in the caller's language */
  text: z.string(),
});

export const centreSchema = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  address: z.string(),
  postcode: z.string(),
  region: z.string(),
  phone: z.string().nullable(),
  latitude: z.number(),
  longitude: z.number(),
  schedule: centreScheduleSchema,
  /** upcoming exceptions (today and later) */
  exceptions: z.array(centreExceptionSchema),
  services: z.array(z.string()),
  sample: z.boolean(),
  mapLinks: z.object({ openStreetMap: z.string(), yandex: z.string() }),
  status: centreStatusSchema,
  /** from the postcode's location, when searching by postcode */
  distanceKm: z.number().optional(),
});
export type Centre = z.infer<typeof centreSchema>;

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const centreSearchQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  postcode: postcodeSchema.optional(),
  openNow: flag.optional(),
  /** the instant for «open now» (default: now) */
  at: z.string().datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

export const centreSearchResultSchema = z.object({
  items: z.array(centreSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** the query as understood after typo or keyboard-layout repair */
  understood: z.string().optional(),
  /** how the postcode was matched: centres with exactly that postcode, or the nearest ones */
  postcode: z
    .object({
      match: z.enum(['exact', 'nearest']),
      /** where the postcode's location came from: a centre with that postcode, or centres sharing its first digits */
      basis: z.enum(['centre', 'prefix']),
      latitude: z.number(),
      longitude: z.number(),
    })
    .optional(),
});
export type CentreSearchResult = z.infer<typeof centreSearchResultSchema>;

// --- import ---------------------------------------------------------------------------------------

export const importBodySchema = z.object({
  format: z.enum(['csv', 'json']),
  content: z.string().min(1).max(20 * 1024 * 1024),
});
export const importRejectionSchema = z.object({
  /** the data row, counting from 1 (in a CSV, the header is not counted) */
  row: z.number(),
  /** the line of the file where the row starts (CSV) */
  line: z.number().optional(),
  field: z.string(),
  message: z.string(),
});
export const importReportSchema = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  rejected: z.array(importRejectionSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;

// --- visit queue ------------------------------------------------------------------------------------

export const ticketStatusSchema = z.enum(['waiting', 'called', 'served', 'no_show', 'follow_up', 'cancelled']);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const takeTicketBodySchema = z.object({ service: z.string().trim().min(1).max(200) });

export const ticketSchema = z.object({
  id: z.string(),
  number: z.string(),
  service: z.string(),
  status: ticketStatusSchema,
  day: z.string(),
  desk: z.string().nullable(),
  centre: z.object({ id: z.string(), name: z.string(), address: z.string() }),
  /** 1 = next; null unless waiting */
  position: z.number().nullable(),
  /** minutes, null unless waiting */
  estimatedMinutes: z.number().nullable(),
  createdAt: z.string(),
  calledAt: z.string().nullable(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const queueTicketSchema = z.object({
  id: z.string(),
  number: z.string(),
  service: z.string(),
  status: ticketStatusSchema,
  source: z.enum(['citizen', 'clerk']),
  desk: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  calledAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type QueueTicket = z.infer<typeof queueTicketSchema>;

export const queueSchema = z.object({
  centre: z.object({ id: z.string(), name: z.string(), services: z.array(z.string()) }),
  day: z.string(),
  waiting: z.array(queueTicketSchema),
  called: z.array(queueTicketSchema),
  finished: z.array(queueTicketSchema),
  averageServiceMinutes: z.number(),
});
export type Queue = z.infer<typeof queueSchema>;

export const callNextBodySchema = z.object({ desk: z.string().trim().min(1).max(20), service: z.string().trim().max(200).optional() });
export const finishTicketBodySchema = z.object({ outcome: z.enum(['served', 'no_show', 'follow_up']), note: z.string().trim().max(1000).optional() });
export const resolveTicketBodySchema = z.object({ note: z.string().trim().max(1000).optional() });

export const overdueVisitSchema = queueTicketSchema.extend({
  day: z.string(),
  centre: z.object({ id: z.string(), name: z.string() }),
  /** when the visit should have been resolved (one working day after it was taken) */
  dueAt: z.string(),
});
export const overdueListSchema = z.object({ items: z.array(overdueVisitSchema) });
export type OverdueVisit = z.infer<typeof overdueVisitSchema>;

export const workplaceSchema = z.object({ centre: z.object({ id: z.string(), name: z.string(), services: z.array(z.string()) }).nullable() });
export const workplaceBodySchema = z.object({ centreId: z.string().uuid() });
