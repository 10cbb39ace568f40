// Error messages of linking channel identities to citizens and of a citizen's history, Russian
// first, English second. Spread into errorMessages (errors.ts), so they share its codes, translation
// and HTTP mapping. They never repeat what was typed: an ЕНГ is personal data.
export const channelIdentitiesErrorMessages = {
  IDENTITY_NOT_FOUND: { ru: 'Идентичность в канале не найдена.', en: 'Channel identity not found.' },
  CITIZEN_NOT_FOUND_BY_ENG: {
    ru: 'Гражданин с таким единым номером (ЕНГ) не найден. Проверьте номер.',
    en: 'No citizen has this support number (ЕНГ). Check the number.',
  },
  HISTORY_CURSOR_INVALID: {
    ru: 'Неверный курсор страницы истории: передайте nextCursor из предыдущего ответа.',
    en: 'Invalid history page cursor: pass nextCursor from the previous answer.',
  },
} as const;
