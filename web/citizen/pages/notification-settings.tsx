// The citizen's notification settings on the account page: which events are also sent by e-mail
// and SMS (the account itself always gets them). Plain checkboxes in a fieldset per event: native
// controls are keyboard- and screen-reader-friendly as they are.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationPreferencesSchema, notificationTopics, type NotificationPreferences, type NotificationTopic } from '../../../shared/contracts/notifications.ts';
import { request, toApiError, type ApiError } from '../../common/api.ts';
import { currentLang } from '../../common/i18n.ts';
import { formatMoscow } from '../../common/format.ts';
import { Button, ErrorAlert, Loading, SuccessMessage } from '../../common/ui.tsx';

type Choice = Record<NotificationTopic, { email: boolean; sms: boolean }>;
const PATH = '/api/account/notification-preferences';

export function NotificationSettings() {
  const { t } = useTranslation();
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  const adopt = (p: NotificationPreferences) => {
    setPrefs(p);
    setChoice({
      statusChange: { email: p.events.statusChange.email, sms: p.events.statusChange.sms },
      reply: { email: p.events.reply.email, sms: p.events.reply.sms },
    });
  };

  const load = () => {
    setLoadError(null);
    request('GET', PATH, { schema: notificationPreferencesSchema }).then(adopt, (err: unknown) => setLoadError(toApiError(err)));
  };
  useEffect(load, []);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!choice) return;
    setSaving(true);
    setSaved(false);
    setSaveError(null);
    try {
      adopt(await request('PUT', PATH, { body: { events: choice }, schema: notificationPreferencesSchema }));
      setSaved(true);
    } catch (err) {
      setSaveError(toApiError(err));
    } finally {
      setSaving(false);
    }
  };

  const toggle = (topic: NotificationTopic, channel: 'email' | 'sms', value: boolean) => {
    setSaved(false);
    setChoice((c) => (c ? { ...c, [topic]: { ...c[topic], [channel]: value } } : c));
  };

  return (
    <section aria-labelledby="notification-settings-title" className="card notification-settings">
      <h2 id="notification-settings-title">{t('notificationSettings.title')}</h2>
      <p>{t('notificationSettings.intro')}</p>
      {loadError && (
        <>
          <ErrorAlert error={loadError} />
          <Button variant="secondary" onPress={load}>
            {t('common.retry')}
          </Button>
        </>
      )}
      {!loadError && (!prefs || !choice) && <Loading label={t('notificationSettings.loading')} />}
      {prefs && choice && (
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          {notificationTopics.map((topic) => (
            <fieldset key={topic} className="fieldset notification-topic">
              <legend>{t(`notificationSettings.topics.${topic}`)}</legend>
              <label className="checkbox">
                <input type="checkbox" checked disabled /> {t('notificationSettings.account')}
              </label>
              <label className="checkbox">
                <input type="checkbox" name={`${topic}-email`} checked={choice[topic].email} onChange={(e) => toggle(topic, 'email', e.target.checked)} /> {t('notificationSettings.email')}
              </label>
              <label className="checkbox">
                <input type="checkbox" name={`${topic}-sms`} checked={choice[topic].sms} onChange={(e) => toggle(topic, 'sms', e.target.checked)} /> {t('notificationSettings.sms')}
              </label>
            </fieldset>
          ))}
          {!prefs.reachable.email && <p className="hint">{t('notificationSettings.noEmail')}</p>}
          {!prefs.reachable.sms && <p className="hint">{t('notificationSettings.noPhone')}</p>}
          {prefs.updatedAt && <p className="hint">{t('notificationSettings.updatedAt', { at: formatMoscow(prefs.updatedAt, currentLang()) })}</p>}
          {saveError && <ErrorAlert error={saveError} />}
          <Button type="submit" isDisabled={saving}>
            {saving ? t('notificationSettings.saving') : t('notificationSettings.save')}
          </Button>
          {saved && <SuccessMessage>{t('notificationSettings.saved')}</SuccessMessage>}
        </form>
      )}
    </section>
  );
}
