// Error messages of the mobile app's API (/api/mobile/v1), Russian first, English second.
// Spread into errorMessages (errors.ts), so they share its codes, translation and HTTP mapping.
export const mobileErrorMessages = {
  MOBILE_TOKEN_REQUIRED: {
    ru: 'Нужен действующий токен доступа: получите его через POST /api/mobile/v1/auth/token и передайте в заголовке «Authorization: Bearer …».',
    en: 'A valid access token is required: get one from POST /api/mobile/v1/auth/token and send it as «Authorization: Bearer …».',
  },
  MOBILE_CITIZENS_ONLY: {
    ru: 'Этот раздел мобильного приложения — для граждан: с учётной записью сотрудника он недоступен.',
    en: 'This part of the mobile app is for citizens: it is not available to staff accounts.',
  },
  SCREENSHOT_REQUIRED: { ru: 'Прикрепите скриншот в поле «file».', en: 'Attach the screenshot in the «file» field.' },
  SCREENSHOT_NOT_IMAGE: {
    ru: 'Скриншот должен быть изображением PNG, JPEG, GIF или WebP; тип файла определяется по содержимому.',
    en: 'The screenshot must be a PNG, JPEG, GIF or WebP image; the type is checked by the content.',
  },
  SCREENSHOT_TOO_LARGE: { ru: 'Скриншот слишком большой: можно отправить файл не больше {mb} МБ.', en: 'The screenshot is too large: {mb} MB at most.' },
  DESCRIPTION_REQUIRED: {
    ru: 'Опишите проблему в поле «description»: от {minimum} до {maximum} символов.',
    en: 'Describe the problem in the «description» field: {minimum} to {maximum} characters.',
  },
} as const;
