// What a calendar year must hold before it is saved, beyond its shape: real dates of that year, days
// off on weekdays, working weekends on weekends, shortened days that are working days, no day
// listed twice. Each problem names the field and the item, so the console can point at it.
import type { CalendarYear } from '../../../shared/contracts/calendar.ts';
import type { FieldProblem } from '../../platform/errors.ts';

function realDate(day: string): boolean {
  const t = new Date(`${day}T12:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === day;
}

const weekend = (day: string) => {
  const w = new Date(`${day}T12:00:00Z`).getUTCDay();
  return w === 0 || w === 6;
};

/** «2027-01-09» as «09.01.2027», the way people write dates in the messages (also for a non-date). */
const shown = (day: string) => day.split('-').reverse().join('.');

export function checkCalendarYear(y: CalendarYear): FieldProblem[] {
  const found: FieldProblem[] = [];
  const report = (p: FieldProblem) => void found.push({ ...p, params: { ...p.params, day: shown(String(p.params?.day ?? '')) } });
  const inYear = (day: string, path: string): boolean => {
    if (!realDate(day)) report({ path, kind: 'CALENDAR_DAY_NOT_A_DATE', params: { day } });
    else if (!day.startsWith(`${y.year}-`)) report({ path, kind: 'CALENDAR_DAY_OUTSIDE_YEAR', params: { day, year: y.year } });
    else return true;
    return false;
  };
  const noRepeats = (days: string[], field: string) => {
    const seen = new Set<string>();
    days.forEach((day, i) => {
      if (seen.has(day)) report({ path: `${field}.${i}`, kind: 'CALENDAR_DAY_REPEATED', params: { day } });
      seen.add(day);
    });
  };

  y.nonWorking.forEach((day, i) => {
    if (inYear(day, `nonWorking.${i}`) && weekend(day)) report({ path: `nonWorking.${i}`, kind: 'CALENDAR_DAY_OFF_ON_WEEKEND', params: { day } });
  });
  y.holidays.forEach((day, i) => void inYear(day, `holidays.${i}`));
  y.workingWeekends.forEach((day, i) => {
    if (inYear(day, `workingWeekends.${i}`) && !weekend(day)) report({ path: `workingWeekends.${i}`, kind: 'CALENDAR_NOT_A_WEEKEND', params: { day } });
  });
  const off = new Set(y.nonWorking);
  const workingWeekends = new Set(y.workingWeekends);
  y.shortened.forEach((day, i) => {
    if (!inYear(day, `shortened.${i}`)) return;
    if (off.has(day) || (weekend(day) && !workingWeekends.has(day))) report({ path: `shortened.${i}`, kind: 'CALENDAR_SHORTENED_DAY_OFF', params: { day } });
  });
  y.transfers.forEach((t, i) => {
    inYear(t.from, `transfers.${i}.from`);
    if (inYear(t.to, `transfers.${i}.to`) && !off.has(t.to)) report({ path: `transfers.${i}.to`, kind: 'CALENDAR_TRANSFER_NOT_OFF', params: { day: t.to } });
  });
  noRepeats(y.nonWorking, 'nonWorking');
  noRepeats(y.holidays, 'holidays');
  noRepeats(y.workingWeekends, 'workingWeekends');
  noRepeats(y.shortened, 'shortened');
  return found;
}
