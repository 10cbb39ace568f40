// Error messages of the official calendar edited in the console, Russian first, English second.
// Spread into errorMessages (errors.ts); the day-level ones are field messages ({day}, {year}).
export const calendarErrorMessages = {
  CALENDAR_YEAR_INVALID: {
    ru: 'Календарь не сохранён: исправьте отмеченные дни. Сохранённый ранее календарь не изменился.',
    en: 'The calendar was not saved: correct the marked days. The calendar saved before is unchanged.',
  },
  CALENDAR_YEAR_NOT_FOUND: {
    ru: 'Календаря на этот год нет: его можно добавить.',
    en: 'There is no calendar for this year: you can add it.',
  },
  CALENDAR_DAY_NOT_A_DATE: { ru: 'Такой даты нет: {day}.', en: 'There is no such date: {day}.' },
  CALENDAR_DAY_OUTSIDE_YEAR: { ru: '{day} — не из {year} года.', en: '{day} is not in {year}.' },
  CALENDAR_DAY_OFF_ON_WEEKEND: {
    ru: '{day} — суббота или воскресенье: в нерабочих днях перечисляются только будни (праздник в выходной укажите в праздниках и переносах).',
    en: '{day} is a Saturday or Sunday: days off list weekdays only (put a holiday on a weekend in holidays and transfers).',
  },
  CALENDAR_NOT_A_WEEKEND: { ru: '{day} — будний день, а рабочими выходными бывают только суббота и воскресенье.', en: '{day} is a weekday; only a Saturday or Sunday can be a working weekend.' },
  CALENDAR_SHORTENED_DAY_OFF: { ru: '{day} — нерабочий день: сокращённым бывает только рабочий.', en: '{day} is a day off: only a working day can be shortened.' },
  CALENDAR_TRANSFER_NOT_OFF: { ru: 'Выходной перенесён на {day}, но этого дня нет среди нерабочих.', en: 'A day off is moved to {day}, but that day is not among the days off.' },
  CALENDAR_DAY_REPEATED: { ru: '{day} указан дважды.', en: '{day} is listed twice.' },
} as const;
