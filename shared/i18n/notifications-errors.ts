// Error messages of the notification preferences, Russian first, English second.
// Spread into errorMessages (errors.ts), so they share its codes, translation and HTTP mapping.
export const notificationsErrorMessages = {
  ACCOUNT_CHANNEL_ALWAYS_ON: {
    ru: 'Уведомления в личном кабинете отключить нельзя: выключить можно только e-mail и SMS.',
    en: 'Notifications in your account cannot be switched off: only e-mail and SMS can.',
  },
} as const;
