// A centre as the API shows it: its data, upcoming exceptions, map links and «open now» status.
import type { Centre, CentreException } from '../../../shared/contracts/centres.ts';
import type { Lang } from '../../../shared/i18n/errors.ts';
import type { OfficialCalendar } from '../calendar/index.ts';
import { centreStatus } from './centre-hours.ts';
import type { CentreRow } from './centres-repo.ts';
import { mapLinks } from './map-links.ts';

export function presentCentre(c: CentreRow, opts: { exceptions: CentreException[]; at: Date; cal: OfficialCalendar; lang: Lang; distance?: number | null }): Centre {
  const byDay = new Map(opts.exceptions.map((e) => [e.date, e]));
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    address: c.address,
    postcode: c.postcode,
    region: c.region,
    phone: c.phone,
    latitude: c.latitude,
    longitude: c.longitude,
    schedule: { days: c.schedule.days ?? {}, holiday: c.schedule.holiday ?? null },
    exceptions: opts.exceptions,
    services: c.services,
    sample: c.sample,
    mapLinks: mapLinks(c.latitude, c.longitude),
    status: centreStatus(opts.at, c.schedule, byDay, opts.cal, opts.lang),
    ...(opts.distance !== undefined && opts.distance !== null ? { distanceKm: Math.round(opts.distance * 10) / 10 } : {}),
  };
}
