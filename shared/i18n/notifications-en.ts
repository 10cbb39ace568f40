// Interface strings of the citizen's notification settings, English. Same keys as notifications-ru.ts.
import type { NotificationSettingsDictionary } from './notifications-ru.ts';

export const notificationSettingsEn: NotificationSettingsDictionary = {
  title: 'Notifications',
  intro: 'Notifications in your account are always on. Choose what else to send by e-mail and SMS.',
  topics: {
    statusChange: 'Request status changes',
    reply: 'Replies to a request',
  },
  email: 'E-mail',
  sms: 'SMS',
  account: 'Account (always)',
  noEmail: 'Your profile has no e-mail address, so no e-mail can be sent.',
  noPhone: 'Your profile has no phone number, so no SMS can be sent.',
  save: 'Save settings',
  saving: 'Saving…',
  saved: 'Notification settings saved.',
  loading: 'Loading notification settings…',
  updatedAt: 'Changed: {{at}}',
};
