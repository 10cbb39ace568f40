// Error messages by stable code, Russian first, English second. Safe to show to anyone:
// they never carry personal data. `{name}` placeholders are filled from the error's params.
import { centresErrorMessages } from './centres-errors.ts';
import { notificationsErrorMessages } from './notifications-errors.ts';
import { mobileErrorMessages } from './mobile-errors.ts';
import { channelIdentitiesErrorMessages } from './channel-identities-errors.ts';
import { channelsErrorMessages } from './channels-errors.ts';
import { calendarErrorMessages } from './calendar-errors.ts';
export type Lang = 'ru' | 'en';

export const errorMessages = {
  VALIDATION_FAILED: { ru: 'Проверьте введённые данные.', en: 'Please check the data you entered.' },
  MALFORMED_JSON: { ru: 'Тело запроса не является корректным JSON.', en: 'The request body is not valid JSON.' },
  BODY_TOO_LARGE: { ru: 'Слишком большой запрос: не более {limit}.', en: 'The request is too large: {limit} at most.' },
  UNSUPPORTED_MEDIA_TYPE: { ru: 'Неподдерживаемый тип содержимого запроса.', en: 'Unsupported request content type.' },
  ROUTE_NOT_FOUND: { ru: 'Такого адреса API нет.', en: 'There is no such API address.' },
  NOT_FOUND: { ru: 'Не найдено.', en: 'Not found.' },
  USER_NOT_FOUND: { ru: 'Пользователь не найден.', en: 'User not found.' },
  UNAUTHENTICATED: { ru: 'Войдите в систему.', en: 'Please sign in.' },
  FORBIDDEN: { ru: 'Недостаточно прав для этого действия.', en: 'You are not allowed to do this.' },
  INVALID_CREDENTIALS: { ru: 'Неверный логин или пароль.', en: 'Wrong login or password.' },
  TOO_MANY_ATTEMPTS: {
    ru: 'Слишком много неудачных попыток входа. Повторите через {minutes} мин. или восстановите доступ.',
    en: 'Too many failed sign-in attempts. Try again in {minutes} min or recover access.',
  },
  RATE_LIMITED: { ru: 'Слишком много запросов. Повторите позже.', en: 'Too many requests. Please try again later.' },
  ACCOUNT_DISABLED: { ru: 'Учётная запись заблокирована.', en: 'This account is disabled.' },
  EMAIL_TAKEN: { ru: 'Этот адрес электронной почты уже зарегистрирован.', en: 'This e-mail address is already registered.' },
  PHONE_TAKEN: { ru: 'Этот номер телефона уже зарегистрирован.', en: 'This phone number is already registered.' },
  INVALID_PHONE: { ru: 'Неверный номер телефона.', en: 'Invalid phone number.' },
  EMAIL_OR_PHONE_REQUIRED: { ru: 'Укажите электронную почту или телефон.', en: 'Enter an e-mail address or a phone number.' },
  INVALID_ENG: {
    ru: 'Неверный единый номер: ожидается ЕНГ- и 10 цифр с верной контрольной цифрой.',
    en: 'Invalid support number: expected ЕНГ- and 10 digits with a valid check digit.',
  },
  WRONG_PASSWORD: { ru: 'Текущий пароль указан неверно.', en: 'The current password is wrong.' },
  RECOVERY_INVALID: {
    ru: 'Ссылка для восстановления недействительна или устарела. Запросите новую.',
    en: 'The recovery link is invalid or expired. Request a new one.',
  },
  RECOVERY_CODE_INVALID: { ru: 'Неверный или устаревший код.', en: 'Wrong or expired code.' },
  RECOVERY_NOT_CONFIRMED: { ru: 'Сначала подтвердите ссылку из письма.', en: 'Confirm the link from the e-mail first.' },
  LAST_ADMIN: { ru: 'Нельзя снять роль с последнего администратора.', en: 'The last administrator cannot lose the role.' },
  SLUG_TAKEN: { ru: 'Такой адрес статьи уже занят.', en: 'This article address is already taken.' },
  ARTICLE_NOT_FOUND: { ru: 'Статья не найдена.', en: 'Article not found.' },
  NOT_A_TEMPLATE: { ru: 'Это не шаблон ответа.', en: 'This is not an answer template.' },
  EMPTY_QUERY: { ru: 'Введите слова для поиска.', en: 'Enter words to search for.' },
  CONVERSATION_NOT_FOUND: { ru: 'Разговор не найден.', en: 'Conversation not found.' },
  CAPACITY_REACHED: { ru: 'У вас уже максимальное число одновременных чатов. Завершите или передайте один из них.', en: 'You already have the maximum number of simultaneous chats. Close or transfer one first.' },
  NOT_ASSIGNED: { ru: 'Этот разговор ведёт другой оператор.', en: 'Another operator handles this conversation.' },
  INVALID_STATE: { ru: 'Действие недоступно в текущем состоянии разговора.', en: 'This action is not available in the current state of the conversation.' },
  NOT_AN_OPERATOR: { ru: 'Передать разговор можно только оператору.', en: 'A conversation can only be transferred to an operator.' },
  CALENDAR_MISSING: {
    ru: 'Производственный календарь на {year} год ещё не загружен — срок нельзя рассчитать. Администратор добавляет его в консоли, в разделе «Календарь».',
    en: 'The official calendar for {year} is not loaded yet, so the date cannot be computed. An admin adds it in the console under “Calendar”.',
  },
  LETTER_FROM_FUTURE: { ru: 'Дата получения письма не может быть в будущем.', en: 'The date a letter was received cannot be in the future.' },
  TRACKING_TAKEN: { ru: 'Письмо с таким трек-номером уже зарегистрировано.', en: 'A letter with this tracking number is already registered.' },
  LETTER_NOT_FOUND: { ru: 'Письмо не найдено.', en: 'Letter not found.' },
  ALREADY_ANSWERED: { ru: 'На это письмо уже дан ответ.', en: 'This letter has already been answered.' },
  TRACKING_REQUIRED: { ru: 'Для ответа почтой укажите трек-номер.', en: 'A postal reply needs a tracking number.' },
  SLOT_OUTSIDE_HOURS: { ru: 'В это время линия не работает: выберите время в часы работы.', en: 'The line is closed at that time: choose a time within opening hours.' },
  SLOT_IN_PAST: { ru: 'Это время уже прошло.', en: 'That time has already passed.' },
  SLOT_FULL: { ru: 'На это время уже нет свободных мест — выберите другое.', en: 'That slot is full — choose another time.' },
  SLOT_NOT_ALIGNED: { ru: 'Время звонка выбирается из интервалов по 30 минут (например, 10:00 или 10:30).', en: 'Call-back times come in 30-minute slots (for example 10:00 or 10:30).' },
  CALLBACK_NOT_FOUND: { ru: 'Заявка на обратный звонок не найдена.', en: 'Call-back request not found.' },
  REQUEST_NOT_FOUND: { ru: 'Обращение не найдено.', en: 'Request not found.' },
  TRANSITION_NOT_ALLOWED: { ru: 'Такой переход статуса недопустим: из «{from}» нельзя перейти в «{to}».', en: 'This status change is not allowed: «{from}» cannot become «{to}».' },
  REASON_REQUIRED: { ru: 'Укажите причину: она нужна для отказа и запроса документов.', en: 'Give a reason: it is required to reject or to ask for documents.' },
  FILE_TYPE_NOT_ALLOWED: { ru: 'Можно прикрепить только изображения (PNG, JPEG, GIF, WebP) и PDF; тип файла определяется по содержимому.', en: 'Only images (PNG, JPEG, GIF, WebP) and PDF can be attached; the type is checked by the content.' },
  FILE_REQUIRED: { ru: 'Прикрепите файл в поле «file».', en: 'Attach a file in the «file» field.' },
  FILE_TOO_LARGE: { ru: 'Файл слишком большой: можно прикрепить файл не больше {mb} МБ.', en: 'The file is too large: {mb} MB at most.' },
  ATTACHMENT_NOT_FOUND: { ru: 'Файл не найден.', en: 'File not found.' },
  REQUEST_CLOSED: { ru: 'Обращение закрыто: добавить к нему ничего нельзя.', en: 'The request is closed: nothing can be added.' },
  SLA_FIRST_AFTER_RESOLUTION: { ru: 'Первый ответ не может быть позже решения: укажите не больше рабочих дней, чем для решения.', en: 'The first response cannot come after the resolution: give no more working days than for the resolution.' },
  SLA_TYPE_REPEATED: { ru: 'Этот тип обращения указан дважды.', en: 'This request type is listed twice.' },
  NOT_ESCALATED: { ru: 'Повторный запрос возможен, только если срок обработки истёк.', en: 'A repeated request is possible only after the deadline has passed.' },
  INTERNAL: { ru: 'Внутренняя ошибка сервера. Попробуйте ещё раз.', en: 'Internal server error. Please try again.' },
  ...centresErrorMessages,
  ...notificationsErrorMessages,
  ...mobileErrorMessages,
  ...channelIdentitiesErrorMessages,
  ...channelsErrorMessages,
  ...calendarErrorMessages,
} as const satisfies Record<string, Record<Lang, string>>;

export type ErrorCode = keyof typeof errorMessages;

/** Field-level validation messages, by the kind of problem. */
export const fieldMessages = {
  required: { ru: 'Обязательное поле.', en: 'This field is required.' },
  type: { ru: 'Неверный тип значения: ожидается {expected}.', en: 'Wrong value type: {expected} expected.' },
  tooShort: { ru: 'Слишком коротко: минимум {minimum}.', en: 'Too short: at least {minimum}.' },
  tooLong: { ru: 'Слишком длинно: максимум {maximum}.', en: 'Too long: at most {maximum}.' },
  tooSmall: { ru: 'Значение меньше допустимого ({minimum}).', en: 'Value below the minimum ({minimum}).' },
  tooBig: { ru: 'Значение больше допустимого ({maximum}).', en: 'Value above the maximum ({maximum}).' },
  email: { ru: 'Неверный адрес электронной почты.', en: 'Invalid e-mail address.' },
  format: { ru: 'Неверный формат.', en: 'Invalid format.' },
  oneOf: { ru: 'Допустимые значения: {values}.', en: 'Allowed values: {values}.' },
  unknownField: { ru: 'Неизвестное поле.', en: 'Unknown field.' },
  invalid: { ru: 'Недопустимое значение.', en: 'Invalid value.' },
  datetime: { ru: 'Неверная дата и время: ожидается ISO 8601, например 2026-11-05T12:00:00+03:00.', en: 'Invalid date and time: ISO 8601 expected, e.g. 2026-11-05T12:00:00+03:00.' },
  taken: { ru: 'Уже занято.', en: 'Already taken.' },
  wrong: { ru: 'Неверное значение.', en: 'Wrong value.' },
  phone: { ru: 'Неверный номер телефона.', en: 'Invalid phone number.' },
} as const satisfies Record<string, Record<Lang, string>>;

export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Picks the language from an Accept-Language header: English when it prefers en, otherwise Russian. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'ru';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('ru')) return 'ru';
    if (tag.startsWith('en')) return 'en';
  }
  return 'ru';
}
