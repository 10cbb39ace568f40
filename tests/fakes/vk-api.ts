// A fake VK API (https://dev.vk.com/ru/api/api-requests): POST /method/<name> with form parameters
// (access_token, v, …), answered {"response": …} or {"error": {"error_code", "error_msg"}}.
// Served: messages.send (records what the community sent, with its attachments) and the upload of
// files into messages (https://dev.vk.com/ru/api/upload/photo-in-message,
// https://dev.vk.com/ru/api/upload/document-in-profile): photos.getMessagesUploadServer /
// docs.getMessagesUploadServer give an upload URL on this server, a multipart POST there answers
// {server, photo, hash} (field `photo`) or {file} (field `file`) as VK's upload servers do, and
// photos.saveMessagesPhoto / docs.save turn that into a photo or document object. Files a person
// "sent" are put in `files` and served at `fileUrl(name)`, the URL a test writes into message_new.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** a photo or document the community attached to a message, resolved to the uploaded bytes */
export type VkSentAttachment = { type: 'photo' | 'doc'; ownerId: number; id: number; filename: string; contentType: string; data: Buffer; title?: string };

export type VkSent = { peer_id: string; message: string; random_id: string; keyboard?: string; attachment?: string; attachments: VkSentAttachment[]; id: number };

export type FakeVkApi = {
  /** the apiBaseUrl to configure (…/method) */
  url: string;
  sent: VkSent[];
  /** the next `n` messages.send calls answer VK error 10 (internal server error) */
  failSends(n: number): void;
  /** files a person sent: name → bytes, served at `fileUrl(name)` (saved uploads appear here too, as `saved-<id>`) */
  files: Map<string, Buffer>;
  fileUrl(name: string): string;
  /** names of the files fetched through `fileUrl`, in order */
  downloads: string[];
  /** every API method call with its parameters (the token left out), refused ones included */
  calls: Array<{ method: string; params: Record<string, string> }>;
  /** every POST to an upload URL: the file field's name and the file (undefined when there was none) */
  uploads: Array<{ kind: 'photo' | 'doc'; field?: string; filename?: string; contentType?: string; size?: number }>;
  close(): Promise<void>;
};

type Part = { name: string; filename?: string; contentType?: string; data: Buffer };

/** A minimal multipart/form-data reader (RFC 7578). */
function parseMultipart(raw: Buffer, boundary: string): Part[] {
  const parts: Part[] = [];
  if (!boundary) return parts;
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = raw.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next === -1) break;
    const part = raw.subarray(start + 2, next - 2); // the CRLF after the delimiter and before the next
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const name = /;\s*name="([^"]*)"/i.exec(head)?.[1];
    const fm = /filename=(?:"([^"]*)"|([^\r\n;]+))/i.exec(head);
    const contentType = /^content-type:\s*([^\r\n]+)/im.exec(head)?.[1]?.trim();
    if (name !== undefined) parts.push({ name, ...(fm ? { filename: fm[1] ?? fm[2] } : {}), ...(contentType ? { contentType } : {}), data: Buffer.from(part.subarray(split + 4)) });
    pos = next;
  }
  return parts;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** VK's photo upload server takes JPG, PNG, GIF (and BMP); judged by the first bytes as the real one does by content */
function isPicture(data: Buffer): boolean {
  const hex = data.subarray(0, 8).toString('hex');
  return hex.startsWith('89504e470d0a1a0a') || hex.startsWith('ffd8ff') || hex.startsWith('47494638') || hex.startsWith('424d');
}

const vkError = (error_code: number, error_msg: string) => ({ error: { error_code, error_msg, request_params: [] } });

export async function startFakeVkApi(opts: { token: string; groupId?: number }): Promise<FakeVkApi> {
  const ownerId = -(opts.groupId ?? 229876543);
  const sent: VkSent[] = [];
  const files = new Map<string, Buffer>();
  const downloads: string[] = [];
  const calls: FakeVkApi['calls'] = [];
  const uploads: FakeVkApi['uploads'] = [];
  const byRandomId = new Map<string, number>();
  /** uploaded but not saved: the upload server's token → the file */
  const uploaded = new Map<string, { kind: 'photo' | 'doc'; hash: string; file: Part }>();
  /** saved photos and documents by `<type><owner>_<id>` */
  const saved = new Map<string, VkSentAttachment & { accessKey?: string }>();
  let failures = 0;
  let nextId = 5000;
  let nextMediaId = 457239100;
  let origin = '';

  const server = createServer((req, res) => {
    void (async () => {
      const answer = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const url = new URL(req.url ?? '/', 'http://x');
      const raw = await readBody(req);

      const file = /^\/files\/(.+)$/.exec(url.pathname);
      if (file && req.method === 'GET') {
        const name = decodeURIComponent(file[1] as string);
        const data = files.get(name);
        if (!data) return res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
        downloads.push(name);
        return res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(data.length) }).end(data);
      }

      const up = /^\/upload\/(photo|doc)$/.exec(url.pathname);
      if (up && req.method === 'POST') {
        const kind = up[1] as 'photo' | 'doc';
        const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(String(req.headers['content-type'] ?? ''))?.slice(1).find(Boolean) ?? '';
        const field = kind === 'photo' ? 'photo' : 'file';
        const part = parseMultipart(raw, boundary).find((p) => p.name === field && p.filename !== undefined);
        uploads.push({ kind, ...(part ? { field: part.name, filename: part.filename, contentType: part.contentType, size: part.data.length } : {}) });
        const token = randomBytes(5).toString('hex');
        const hash = randomBytes(16).toString('hex');
        if (kind === 'photo') {
          // VK's photo upload server answers an empty list for a missing or unreadable picture; saving it then fails
          if (!part || !isPicture(part.data)) return answer({ server: 836213, photo: '[]', hash });
          uploaded.set(token, { kind, hash, file: part });
          return answer({ server: 836213, photo: JSON.stringify([{ photo: `${token}:w`, sizes: [], kid: token }]), hash });
        }
        if (!part) return answer({ error: 'no_file', error_descr: 'file is undefined' });
        uploaded.set(token, { kind, hash, file: part });
        return answer({ file: `${-ownerId}|0|0|836213|${token}|${(part.filename ?? '').split('.').pop() ?? ''}|${part.data.length}|${part.filename ?? ''}|${hash}` });
      }

      const form = new URLSearchParams(raw.toString('utf8'));
      const method = url.pathname.replace(/^\/method\//, '');
      calls.push({ method, params: Object.fromEntries([...form].filter(([k]) => k !== 'access_token')) });
      if (form.get('access_token') !== opts.token) return answer(vkError(5, 'User authorization failed: invalid access_token'));
      const param = (name: string) => form.get(name) ?? '';
      switch (method) {
        case 'photos.getMessagesUploadServer':
          return answer({ response: { upload_url: `${origin}/upload/photo?peer_id=${param('peer_id')}&k=${randomBytes(6).toString('hex')}`, album_id: -64, group_id: -ownerId } });
        case 'docs.getMessagesUploadServer': {
          // a community token must name the conversation the document is for
          if (!param('peer_id')) return answer(vkError(100, 'One of the parameters specified was missing or invalid: peer_id is undefined'));
          if (param('type') && !['doc', 'audio_message', 'graffiti'].includes(param('type'))) return answer(vkError(100, 'One of the parameters specified was missing or invalid: type is invalid'));
          return answer({ response: { upload_url: `${origin}/upload/doc?peer_id=${param('peer_id')}&k=${randomBytes(6).toString('hex')}` } });
        }
        case 'photos.saveMessagesPhoto': {
          let token: string | undefined;
          try {
            const list = JSON.parse(param('photo')) as Array<{ photo?: string }>;
            token = list[0]?.photo?.split(':')[0];
          } catch {
            token = undefined;
          }
          const u = token ? uploaded.get(token) : undefined;
          if (!token || !u || u.kind !== 'photo') return answer(vkError(100, 'One of the parameters specified was missing or invalid: photos_list is invalid'));
          if (param('hash') !== u.hash) return answer(vkError(121, 'Invalid hash'));
          uploaded.delete(token);
          const id = nextMediaId++;
          const accessKey = randomBytes(9).toString('hex');
          saved.set(`photo${ownerId}_${id}`, { type: 'photo', ownerId, id, filename: u.file.filename ?? '', contentType: u.file.contentType ?? '', data: u.file.data, accessKey });
          files.set(`saved-${id}`, u.file.data);
          return answer({
            response: [{ album_id: -64, date: Math.floor(Date.now() / 1000), id, owner_id: ownerId, access_key: accessKey, sizes: [{ height: 1, width: 1, type: 'w', url: `${origin}/files/saved-${id}` }], text: '', has_tags: false }],
          });
        }
        case 'docs.save': {
          const token = param('file').split('|')[4];
          const u = token ? uploaded.get(token) : undefined;
          if (!token || !u || u.kind !== 'doc') return answer(vkError(100, 'One of the parameters specified was missing or invalid: file is invalid'));
          uploaded.delete(token);
          const id = nextMediaId++;
          const title = param('title') || (u.file.filename ?? '');
          saved.set(`doc${ownerId}_${id}`, { type: 'doc', ownerId, id, filename: u.file.filename ?? '', contentType: u.file.contentType ?? '', data: u.file.data, title });
          files.set(`saved-${id}`, u.file.data);
          const ext = (u.file.filename ?? '').split('.').pop() ?? '';
          return answer({ response: { type: 'doc', doc: { id, owner_id: ownerId, title, size: u.file.data.length, ext, date: Math.floor(Date.now() / 1000), type: ext === 'pdf' ? 1 : 8, url: `${origin}/files/saved-${id}` } } });
        }
        case 'groups.getById': {
          // API 5.199: {groups, profiles}; a community token reads its own community when no id is given
          const id = Number(param('group_id') || -ownerId);
          return answer({ response: { groups: [{ id, name: `Сообщество ${id}`, screen_name: `club${id}`, is_closed: 0, type: 'group' }], profiles: [] } });
        }
        case 'messages.send': {
          if (failures > 0) {
            failures -= 1;
            return answer(vkError(10, 'Internal server error'));
          }
          const attachments: VkSentAttachment[] = [];
          for (const ref of param('attachment').split(',').filter(Boolean)) {
            // <type><owner_id>_<media_id>[_<access_key>] (https://dev.vk.com/ru/method/messages.send)
            const m = /^(photo|doc)(-?\d+)_(\d+)(?:_(\w+))?$/.exec(ref.trim());
            const media = m ? saved.get(`${m[1]}${m[2]}_${m[3]}`) : undefined;
            if (!m || !media || (media.accessKey && m[4] !== media.accessKey)) return answer(vkError(100, `One of the parameters specified was missing or invalid: attachment ${ref} is invalid`));
            const { accessKey: _key, ...attachment } = media;
            attachments.push(attachment);
          }
          if (!param('message') && attachments.length === 0) return answer(vkError(100, 'One of the parameters specified was missing or invalid: message is empty or invalid'));
          const randomId = param('random_id');
          // VK: a repeated random_id from the same sender is not sent again
          const known = byRandomId.get(randomId);
          if (known !== undefined) return answer({ response: known });
          const id = nextId++;
          byRandomId.set(randomId, id);
          sent.push({ peer_id: param('peer_id'), message: param('message'), random_id: randomId, keyboard: form.get('keyboard') ?? undefined, ...(form.has('attachment') ? { attachment: param('attachment') } : {}), attachments, id });
          return answer({ response: id });
        }
        default:
          return answer(vkError(3, 'Unknown method passed'));
      }
    })();
  });
  // idle keep-alive sockets stay open as long as the client's: a server closing one just as the
  // client reuses it for a retry turns a provider's HTTP error into a network error
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/method`,
    sent,
    failSends(n) {
      failures = n;
    },
    files,
    fileUrl: (name) => `${origin}/files/${encodeURIComponent(name)}`,
    downloads,
    calls,
    uploads,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
