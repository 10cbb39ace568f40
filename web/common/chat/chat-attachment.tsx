// A file on a chat message: an image as a thumbnail (opens full size), a PDF as a download link
// with its name and size. The bytes come from the download URL with the caller's credentials —
// the session cookie, or the conversation token of an anonymous visitor, which a plain <img src>
// cannot send — so the file is fetched and shown from a blob: URL.
import { useEffect, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl, fetchAttachment, type ChatAttachment } from './chat-api.ts';

/** blob: URLs of files already fetched on this page (a re-render or a reopened view does not fetch again) */
const cache = new Map<string, Promise<string>>();
const MAX_CACHED = 60;

function objectUrl(conversationId: string, a: ChatAttachment, token: string | null): Promise<string> {
  let hit = cache.get(a.id);
  if (!hit) {
    if (cache.size >= MAX_CACHED) {
      const [oldest] = cache.keys();
      if (oldest) {
        void cache.get(oldest)?.then((u) => URL.revokeObjectURL(u), () => undefined);
        cache.delete(oldest);
      }
    }
    hit = fetchAttachment(conversationId, a.id, token).then((blob) => URL.createObjectURL(blob));
    hit.catch(() => cache.delete(a.id));
    cache.set(a.id, hit);
  }
  return hit;
}

export function useFormatSize(): (bytes: number) => string {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'ru';
  return (bytes: number) => {
    if (bytes < 1024) return t('chat.attachment.bytes', { n: bytes });
    if (bytes < 1024 * 1024) return t('chat.attachment.kilobytes', { n: Math.max(1, Math.round(bytes / 1024)) });
    return t('chat.attachment.megabytes', { n: (bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 }) });
  };
}

export function AttachmentView({ attachment, conversationId, token }: { attachment: ChatAttachment; conversationId: string | null; token: string | null }) {
  if (!conversationId) return null;
  return attachment.type === 'application/pdf' ? (
    <FileLink attachment={attachment} conversationId={conversationId} token={token} />
  ) : (
    <Thumbnail attachment={attachment} conversationId={conversationId} token={token} />
  );
}

function Thumbnail({ attachment: a, conversationId, token }: { attachment: ChatAttachment; conversationId: string; token: string | null }) {
  const { t } = useTranslation();
  const size = useFormatSize();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    objectUrl(conversationId, a, token).then(
      (u) => live && setSrc(u),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [conversationId, a, token]);
  if (failed) return <p className="chat-msg-error chat-attachment">{t('chat.attachment.loadFailed', { name: a.name })}</p>;
  return (
    <figure className="chat-attachment chat-attachment-image" data-testid="chat-attachment" data-type={a.type}>
      {src ? (
        <a href={src} target="_blank" rel="noopener noreferrer" aria-label={t('chat.attachment.openImage', { name: a.name })}>
          <img src={src} alt={t('chat.attachment.image', { name: a.name })} className="chat-thumb" />
        </a>
      ) : (
        <span className="chat-thumb chat-thumb-loading" role="img" aria-label={t('chat.attachment.loadingImage')} />
      )}
      <figcaption className="chat-attachment-caption">
        {a.name} · {size(a.size)}
      </figcaption>
    </figure>
  );
}

function FileLink({ attachment: a, conversationId, token }: { attachment: ChatAttachment; conversationId: string; token: string | null }) {
  const { t } = useTranslation();
  const size = useFormatSize();
  const [error, setError] = useState(false);
  // with a session cookie the link itself downloads; a visitor's token needs the fetch
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (!token) return;
    e.preventDefault();
    setError(false);
    objectUrl(conversationId, a, token).then(
      (u) => {
        const link = document.createElement('a');
        link.href = u;
        link.download = a.name;
        document.body.append(link);
        link.click();
        link.remove();
      },
      () => setError(true),
    );
  };
  return (
    <p className="chat-attachment chat-attachment-file" data-testid="chat-attachment" data-type={a.type}>
      <a href={attachmentUrl(conversationId, a.id)} className="link" download={a.name} onClick={onClick} aria-label={t('chat.attachment.download', { name: a.name, size: size(a.size) })}>
        <span className="chat-file-icon" aria-hidden="true">
          PDF
        </span>
        {a.name}
      </a>{' '}
      <span className="chat-attachment-size">{size(a.size)}</span>
      {error && (
        <span className="chat-msg-error" role="alert">
          {' '}
          {t('chat.attachment.loadFailed', { name: a.name })}
        </span>
      )}
    </p>
  );
}
