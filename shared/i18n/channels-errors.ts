// Error messages of channel accounts managed in the console, Russian first, English second. Spread
// into errorMessages (errors.ts), so they share its codes, translation and HTTP mapping. They never
// repeat a token or any other credential.
export const channelsErrorMessages = {
  CHANNEL_KIND_UNKNOWN: { ru: 'Такого канала нет: доступны {kinds}.', en: 'There is no such channel: {kinds} are available.' },
  CHANNEL_ACCOUNT_NOT_FOUND: { ru: 'Учётная запись этого канала в консоли не настроена.', en: 'This channel has no account set up in the console.' },
  CHANNEL_ACCOUNT_FROM_ENV: {
    ru: 'Учётная запись канала задана переменными окружения сервера: изменить, отключить или удалить её в консоли нельзя. Уберите эти переменные и перезапустите сервер, чтобы управлять каналом здесь.',
    en: 'This channel account is set by the server’s environment variables: it cannot be changed, disabled or deleted in the console. Remove those variables and restart the server to manage the channel here.',
  },
  CREDENTIALS_KEY_MISSING: {
    ru: 'Ключ шифрования не задан: установите переменную окружения SVYAZ_CREDENTIALS_KEY (32 байта: 64 шестнадцатеричных символа или base64, например openssl rand -hex 32) и перезапустите сервер. Без ключа учётные данные каналов не сохраняются.',
    en: 'No encryption key is set: set the SVYAZ_CREDENTIALS_KEY environment variable (32 bytes: 64 hex characters or base64, e.g. openssl rand -hex 32) and restart the server. Channel credentials are not saved without it.',
  },
  CREDENTIALS_KEY_MISMATCH: {
    ru: 'Ключ не подходит: SVYAZ_CREDENTIALS_KEY не расшифровывает сохранённые учётные данные канала. Верните прежний ключ или введите все секретные поля заново.',
    en: 'The key does not fit: SVYAZ_CREDENTIALS_KEY cannot decrypt the saved channel credentials. Restore the previous key or enter every secret field again.',
  },
  CHANNEL_PROVIDER_REFUSED: {
    ru: 'Канал отклонил учётные данные, ничего не сохранено. Ответ {provider}: {error}',
    en: 'The channel refused the credentials; nothing was saved. {provider} answered: {error}',
  },
  CHANNEL_FIELD_NUMBER: { ru: 'Введите целое положительное число.', en: 'Enter a whole positive number.' },
  CHANNEL_FIELD_URL: { ru: 'Введите адрес, начинающийся с http:// или https://.', en: 'Enter an address starting with http:// or https://.' },
  CHANNEL_TELEGRAM_TOKEN_FORMAT: {
    ru: 'Токен бота выдаёт @BotFather, он выглядит так: 123456789:AAE… (номер бота, двоеточие, секрет).',
    en: 'The bot token comes from @BotFather and looks like 123456789:AAE… (the bot’s number, a colon, the secret).',
  },
  CHANNEL_SECRET_FORMAT: {
    ru: 'От 16 до 256 символов: латинские буквы, цифры, «_» и «-».',
    en: '16 to 256 characters: Latin letters, digits, «_» and «-».',
  },
} as const;

/** Stored instead of a provider's text when the desk itself knows what is wrong with an account. */
export const channelAccountProblems = {
  'svyaz:key-missing': { ru: 'ключ не задан: установите SVYAZ_CREDENTIALS_KEY', en: 'no key: set SVYAZ_CREDENTIALS_KEY' },
  'svyaz:key-mismatch': { ru: 'ключ не подходит: SVYAZ_CREDENTIALS_KEY не расшифровывает сохранённые данные', en: 'the key does not fit: SVYAZ_CREDENTIALS_KEY cannot decrypt the saved credentials' },
} as const;
export type ChannelAccountProblem = keyof typeof channelAccountProblems;
