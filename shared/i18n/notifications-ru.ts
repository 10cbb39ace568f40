// Interface strings of the citizen's notification settings (the account page). Russian; under
// `notificationSettings` in the dictionaries (see ui-ru.ts).
export const notificationSettingsRu = {
  title: 'Уведомления',
  intro: 'Уведомления в личном кабинете приходят всегда. Выберите, о чём ещё сообщать по электронной почте и SMS.',
  topics: {
    statusChange: 'Изменение статуса обращения',
    reply: 'Ответ по обращению',
  },
  email: 'Электронная почта',
  sms: 'SMS',
  account: 'Личный кабинет (всегда)',
  noEmail: 'В профиле нет адреса электронной почты — письма отправлять некуда.',
  noPhone: 'В профиле нет телефона — SMS отправлять некуда.',
  save: 'Сохранить настройки',
  saving: 'Сохраняем…',
  saved: 'Настройки уведомлений сохранены.',
  loading: 'Загружаем настройки уведомлений…',
  updatedAt: 'Изменено: {{at}}',
};
export type NotificationSettingsDictionary = typeof notificationSettingsRu;
