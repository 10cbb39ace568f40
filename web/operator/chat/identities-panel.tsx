// «Идентичности» beside a conversation: the person on this conversation's channel, the citizen they
// are linked to (name, ЕНГ) or the form to link them by ЕНГ, and the citizen's identities on other
// channels, each of which can be unlinked. The server audit-logs every read and link.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../common/api.ts';
import { fetchConversationIdentities, linkIdentity, unlinkIdentity, type ChannelIdentity, type ConversationIdentities } from '../../common/identities-api.ts';
import { useSession } from '../../common/session.tsx';
import { Button, Details, ErrorAlert, Form, Loading, SuccessMessage, TextField } from '../../common/ui.tsx';
import { ChannelBadge, channelLabel } from './channel-badge.tsx';

/** What the form checks before asking the server (which also checks the ЕНГ's check digit). */
function engProblem(value: string): 'engRequired' | 'engFormat' | null {
  const v = value.trim();
  if (!v) return 'engRequired';
  if (!/^(ЕНГ|ENG)?[\s\d-]+$/iu.test(v) || v.replace(/^(ЕНГ|ENG)/iu, '').replace(/[\s-]/g, '').length !== 10) return 'engFormat';
  return null;
}

export function IdentitiesPanel({ conversationId, onChange, onLoaded }: { conversationId: string; onChange(): void; onLoaded?(data: ConversationIdentities): void }) {
  const { t } = useTranslation();
  const { expire } = useSession();
  const [data, setData] = useState<ConversationIdentities | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [unlinking, setUnlinking] = useState<string | null>(null);

  const fail = useCallback(
    (err: unknown) => {
      const e = toApiError(err);
      if (e.status === 401) expire();
      setError(e);
    },
    [expire],
  );

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const loaded = await fetchConversationIdentities(conversationId);
      setData(loaded);
      setError(null);
      onLoaded?.(loaded);
    } catch (err) {
      fail(err);
    } finally {
      setLoading(false);
    }
  }, [conversationId, fail, onLoaded]);

  useEffect(() => {
    void load();
  }, [load]);

  const changed = async (message: string) => {
    setNotice(message);
    await load();
    onChange();
  };

  const unlink = async (identity: ChannelIdentity) => {
    setUnlinking(identity.id);
    setNotice(null);
    setError(null);
    try {
      await unlinkIdentity(identity.id);
      await changed(t('operatorIdentities.panel.unlinked', { channel: channelLabel(identity.channel) }));
    } catch (err) {
      fail(err);
    } finally {
      setUnlinking(null);
    }
  };

  const unlinkButton = (identity: ChannelIdentity) => (
    <Button
      variant="secondary"
      isPending={unlinking === identity.id}
      aria-label={t('operatorIdentities.panel.unlinkLabel', { channel: channelLabel(identity.channel), name: identity.displayName })}
      onPress={() => void unlink(identity)}
    >
      {t('operatorIdentities.panel.unlink')}
    </Button>
  );

  const others = data?.otherIdentities ?? [];
  return (
    <section className="identities-panel" aria-labelledby="identities-title" aria-busy={loading}>
      <h2 id="identities-title">{t('operatorIdentities.panel.title')}</h2>
      <p className="note">{t('operatorIdentities.panel.intro')}</p>
      {notice && <SuccessMessage>{notice}</SuccessMessage>}
      <ErrorAlert error={error} />
      {!data ? (
        loading && <Loading label={t('operatorIdentities.panel.loading')} />
      ) : (
        <>
          <h3>{t('operatorIdentities.panel.thisChannel')}</h3>
          {data.identity ? (
            <div className="identity-item" data-testid="identity-current" data-channel={data.identity.channel}>
              <IdentityDetails identity={data.identity} />
              {data.identity.citizen ? (
                unlinkButton(data.identity)
              ) : (
                <LinkForm identity={data.identity} onLinked={(linked) => void changed(t('operatorIdentities.panel.linked', { channel: channelLabel(linked.channel), name: linked.citizen?.name ?? '' }))} />
              )}
            </div>
          ) : (
            <>
              <p>{t('operatorIdentities.panel.webChat')}</p>
              <p data-testid="identity-web-citizen">
                {data.citizen
                  ? t('operatorIdentities.panel.webCitizen', { name: data.citizen.name, eng: data.citizen.eng ?? t('operatorIdentities.panel.noEng') })
                  : t('operatorIdentities.panel.webVisitor')}
              </p>
            </>
          )}

          <h3>{t('operatorIdentities.panel.otherChannels')}</h3>
          {others.length === 0 ? (
            <p>{t('operatorIdentities.panel.noOthers')}</p>
          ) : (
            <ul className="identity-list">
              {others.map((i) => (
                <li key={i.id} className="identity-item" data-testid="identity-other" data-channel={i.channel}>
                  <IdentityDetails identity={i} />
                  {unlinkButton(i)}
                </li>
              ))}
            </ul>
          )}
          <p className="note">{t('operatorIdentities.panel.auditNote')}</p>
        </>
      )}
    </section>
  );
}

function IdentityDetails({ identity }: { identity: ChannelIdentity }) {
  const { t } = useTranslation();
  return (
    <>
      <ChannelBadge channel={identity.channel} />
      <Details
        items={[
          { label: t('operatorIdentities.panel.name'), value: identity.displayName || '—' },
          { label: t('operatorIdentities.panel.citizen'), value: identity.citizen?.name ?? t('operatorIdentities.panel.notLinked'), testId: 'identity-citizen' },
          ...(identity.citizen ? [{ label: t('operatorIdentities.panel.eng'), value: identity.citizen.eng ?? t('operatorIdentities.panel.noEng'), testId: 'identity-eng' }] : []),
        ]}
      />
    </>
  );
}

function LinkForm({ identity, onLinked }: { identity: ChannelIdentity; onLinked(linked: ChannelIdentity): void }) {
  const { t } = useTranslation();
  const { expire } = useSession();
  const titleId = useId();
  const [eng, setEng] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      onLinked(await linkIdentity(identity.id, eng.trim()));
      setEng('');
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.status === 401) expire();
      setError(apiError);
    } finally {
      setPending(false);
    }
  };

  return (
    <Form onSubmit={onSubmit} className="identity-link-form" aria-labelledby={titleId}>
      <h4 id={titleId}>{t('operatorIdentities.panel.linkTitle')}</h4>
      <TextField
        name="eng"
        label={t('operatorIdentities.panel.engLabel')}
        description={t('operatorIdentities.panel.engHint')}
        autoComplete="off"
        spellCheck="false"
        isRequired
        value={eng}
        onChange={(v) => {
          setEng(v);
          setError(null);
        }}
        validate={(v) => {
          const problem = engProblem(v);
          return problem ? t(`operatorIdentities.panel.${problem}`) : null;
        }}
        inputClassName="input-eng"
      />
      <ErrorAlert error={error} />
      <Button type="submit" isPending={pending}>
        {t('operatorIdentities.panel.link')}
      </Button>
    </Form>
  );
}
