// Error messages of the service centres and the visit queue, Russian first, English second.
// Spread into errorMessages (errors.ts), so they share its codes, translation and HTTP mapping.
export const centresErrorMessages = {
  CENTRE_NOT_FOUND: { ru: 'Центр обслуживания не найден.', en: 'Service centre not found.' },
  CENTRE_CODE_TAKEN: { ru: 'Центр с таким кодом уже есть.', en: 'A centre with this code already exists.' },
  POSTCODE_INVALID: { ru: 'Почтовый индекс — это 6 цифр, например 101000.', en: 'A postcode is 6 digits, for example 101000.' },
  POSTCODE_UNKNOWN: {
    ru: 'Индекс {postcode} нам неизвестен: рядом с ним нет ни одного центра. Проверьте индекс или найдите центр по адресу.',
    en: 'Postcode {postcode} is unknown: there is no centre near it. Check the postcode or search by address.',
  },
  TIME_INVALID: { ru: 'Время указывается как ЧЧ:ММ (например, 09:00), закрытие — позже открытия.', en: 'Times are HH:MM (for example 09:00), closing after opening.' },
  SERVICE_NOT_OFFERED: { ru: 'В этом центре нет такой услуги.', en: 'This centre does not offer that service.' },
  CENTRE_CLOSED: { ru: 'Центр сейчас закрыт: талон можно взять в часы работы. {when}', en: 'The centre is closed now: tickets are issued during opening hours. {when}' },
  TICKET_NOT_FOUND: { ru: 'Талон не найден.', en: 'Ticket not found.' },
  QUEUE_EMPTY: { ru: 'В очереди никого нет.', en: 'Nobody is waiting.' },
  TICKET_STATE: { ru: 'С талоном в этом состоянии так поступить нельзя.', en: 'This cannot be done with a ticket in its current state.' },
  NOT_YOUR_CENTRE: { ru: 'Это очередь другого центра: выберите свой центр в консоли.', en: 'This is another centre’s queue: choose your centre in the console.' },
  ALREADY_IN_QUEUE: { ru: 'У вас уже есть талон в очередь этого центра на сегодня.', en: 'You already have a ticket for this centre today.' },
  IMPORT_EMPTY: { ru: 'Файл пуст: нет ни одной строки с данными.', en: 'The file is empty: there are no data rows.' },
  IMPORT_FORMAT: { ru: 'Не удалось прочитать файл: ожидается CSV с заголовком или JSON-массив центров.', en: 'The file cannot be read: a CSV with a header row or a JSON array of centres is expected.' },
} as const;
