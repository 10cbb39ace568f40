// The channel a conversation came through (web chat, Telegram, VK, …), as a label and a badge.
import { useTranslation } from 'react-i18next';
import { i18n } from '../../common/i18n.ts';
import './identities.css';

const channels = ['web', 'mobile', 'telegram', 'vk', 'facebook', 'email'] as const;
type Channel = (typeof channels)[number];

/** «Telegram», «ВКонтакте»…; a channel this version does not know is shown as it is. */
export function channelLabel(channel: string): string {
  return (channels as readonly string[]).includes(channel) ? i18n.t(`operatorIdentities.channels.${channel as Channel}`) : channel;
}

export function ChannelBadge({ channel, withPrefix, testId }: { channel: string; withPrefix?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const label = channelLabel(channel);
  return (
    <span className={`channel-badge channel-badge-${channels.includes(channel as Channel) ? channel : 'other'}`} data-testid={testId} data-channel={channel}>
      {withPrefix ? t('operatorIdentities.channelBadge', { channel: label }) : label}
    </span>
  );
}
