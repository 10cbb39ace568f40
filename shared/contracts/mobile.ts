// The mobile app's API, version 1 (/api/mobile/v1): the «Служба поддержки» section of the app —
// call, chat, or send a screenshot with the contacts filled in — and the citizen's requests.
// Every schema carries an example for the OpenAPI document: `.meta({ examples: [x] })` on a body
// or response becomes the media type's `example` (@fastify/swagger), `.meta({ example })` on a
// query field the parameter's.
import { z } from 'zod';
import { chatAttachmentTypes, conversationStateSchema, MAX_CHAT_ATTACHMENT_BYTES } from './chat.ts';
import { apiErrorSchema } from './common.ts';
import { hotlineStatusSchema, phoneLineSchema } from './directory.ts';
import { createRequestBodySchema, requestDocumentSchema, requestStatusSchema, requestSummarySchema, requestTypeSchema } from './requests.ts';

export const MOBILE_API_PREFIX = '/api/mobile/v1';

/** A screenshot is an image: the chat attachments' image types (no PDF), checked by content; the size limit is the chat's. */
export const screenshotTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const satisfies ReadonlyArray<(typeof chatAttachmentTypes)[number]>;
export const MAX_SCREENSHOT_BYTES = MAX_CHAT_ATTACHMENT_BYTES;

const exampleToken = 'x3Jm9Qv2b7cWk1sLr0tYp4uZa8eN6dHf5gTi2oVb9yE';
const exampleEng = 'ЕНГ-1234567897';

// --- errors ----------------------------------------------------------------------------------------

/** The common error body with one example for the document. */
export const mobileError = (code: string, message: string) => apiErrorSchema.meta({ examples: [{ error: { code, message } }] });

// --- auth ------------------------------------------------------------------------------------------

export const mobileTokenBodySchema = z
  .object({ email: z.string().trim().toLowerCase().email().max(254), password: z.string().min(1).max(200) })
  .meta({ examples: [{ email: 'citizen@example.com', password: 'demo-password' }] });

export const mobileTokenSchema = z
  .object({
    /** the session token: send it as `Authorization: Bearer <accessToken>` */
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    /** ISO 8601; after it the token is refused with 401 and the app signs in again */
    expiresAt: z.string(),
  })
  .meta({ examples: [{ accessToken: exampleToken, tokenType: 'Bearer', expiresAt: '2026-06-04T09:00:00.000Z' }] });

// --- support section -------------------------------------------------------------------------------

/** The signed-in citizen's own contacts, to prefill what the app sends. */
export const mobileContactsSchema = z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), eng: z.string().nullable() });

const callActionSchema = z.object({
  kind: z.literal('call'),
  title: z.string(),
  description: z.string(),
  /** one entry per phone line of `phones`, with a `tel:` link made from its number (digits and «+» kept) */
  dial: z.array(z.object({ phoneLineId: z.string(), number: z.string(), telUri: z.string() })),
  /** the operator asks for the support number: the app shows it before the call */
  prefill: z.object({ eng: z.string().nullable() }),
});
const chatActionSchema = z.object({
  kind: z.literal('chat'),
  title: z.string(),
  description: z.string(),
  method: z.literal('POST'),
  url: z.string(),
  prefill: z.object({ name: z.string() }),
});
const screenshotActionSchema = z.object({
  kind: z.literal('screenshot'),
  title: z.string(),
  description: z.string(),
  method: z.literal('POST'),
  url: z.string(),
  /** multipart/form-data: `file` (the image) and `description` */
  contentType: z.literal('multipart/form-data'),
  accept: z.array(z.enum(screenshotTypes)),
  maxBytes: z.number(),
  /** the contacts the request will carry (the profile's) */
  prefill: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }),
});
export const mobileActionSchema = z.discriminatedUnion('kind', [callActionSchema, chatActionSchema, screenshotActionSchema]);

const examplePhone = { id: '0b8f4c1e-6d7a-4a51-9a57-1f0e7d9b2c11', number: '8-800-555-35-35', audience: 'citizens' as const, purpose: 'Общая справочная служба', schedule: 'Круглосуточно', free: true, notes: null };

export const mobileSupportSchema = z
  .object({
    /** the directory's phone lines, exactly as GET /api/directory/phones gives them */
    phones: z.array(phoneLineSchema),
    /** as GET /api/directory/hotline/status: open now, or when it opens (Moscow time) */
    hotline: hotlineStatusSchema,
    contacts: mobileContactsSchema,
    actions: z.array(mobileActionSchema),
  })
  .meta({
    examples: [
      {
        phones: [examplePhone],
        hotline: { open: false, opensAt: '2026-05-06T05:00:00.000Z', reason: 'after_hours', text: 'Закрыто, откроется завтра в 08:00 (МСК)' },
        contacts: { name: 'Иванов Иван Иванович', email: 'citizen@example.com', phone: '+79161234567', eng: exampleEng },
        actions: [
          { kind: 'call', title: 'Позвонить', description: 'Звонок на линию поддержки. Назовите оператору единый номер.', dial: [{ phoneLineId: examplePhone.id, number: examplePhone.number, telUri: 'tel:88005553535' }], prefill: { eng: exampleEng } },
          { kind: 'chat', title: 'Написать в чат', description: 'Чат с ботом и операторами, круглосуточно.', method: 'POST', url: '/api/mobile/v1/support/chats', prefill: { name: 'Иванов Иван Иванович' } },
          {
            kind: 'screenshot',
            title: 'Отправить скриншот',
            description: 'Обращение со скриншотом; ответ придёт на e-mail или по SMS из профиля.',
            method: 'POST',
            url: '/api/mobile/v1/support/screenshots',
            contentType: 'multipart/form-data',
            accept: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
            maxBytes: MAX_SCREENSHOT_BYTES,
            prefill: { name: 'Иванов Иван Иванович', email: 'citizen@example.com', phone: '+79161234567' },
          },
        ],
      },
    ],
  });

// --- chat ------------------------------------------------------------------------------------------

export const mobileChatSchema = z
  .object({
    conversationId: z.string(),
    state: conversationStateSchema,
    channel: z.string(),
    /** false: the citizen's open conversation (from this app or the web portal) was returned */
    created: z.boolean(),
    createdAt: z.string(),
    /** REST, relative to the API host, with the same `Authorization: Bearer` token */
    conversationUrl: z.string(),
    messagesUrl: z.string(),
    attachmentsUrl: z.string(),
    /** absolute: open it with the `Authorization: Bearer` header, then send `subscribe` */
    webSocketUrl: z.string(),
    subscribe: z.object({ type: z.literal('subscribe'), conversationId: z.string(), afterSeq: z.number() }),
  })
  .meta({
    examples: [
      {
        conversationId: '5d2c8a1f-3b4e-4f6a-9c7d-8e9f0a1b2c3d',
        state: 'bot',
        channel: 'mobile',
        created: true,
        createdAt: '2026-05-05T18:04:00.000Z',
        conversationUrl: '/api/chat/conversations/5d2c8a1f-3b4e-4f6a-9c7d-8e9f0a1b2c3d',
        messagesUrl: '/api/chat/conversations/5d2c8a1f-3b4e-4f6a-9c7d-8e9f0a1b2c3d/messages',
        attachmentsUrl: '/api/chat/conversations/5d2c8a1f-3b4e-4f6a-9c7d-8e9f0a1b2c3d/attachments',
        webSocketUrl: 'wss://svyaz.example.org/api/chat/ws',
        subscribe: { type: 'subscribe', conversationId: '5d2c8a1f-3b4e-4f6a-9c7d-8e9f0a1b2c3d', afterSeq: 0 },
      },
    ],
  });

// --- screenshot ------------------------------------------------------------------------------------

/** The text fields beside `file`. */
export const mobileScreenshotFieldsSchema = z.object({
  description: createRequestBodySchema.shape.description,
  type: requestTypeSchema.default('technical'),
  service: z.string().trim().max(200).optional(),
});
export const SCREENSHOT_DESCRIPTION_MIN = 10;
export const SCREENSHOT_DESCRIPTION_MAX = 10_000;

/** The multipart form as the OpenAPI document describes it (the route reads the parts itself). */
export const mobileScreenshotFormSchema = z
  .object({
    file: z.string().meta({ format: 'binary', description: `Скриншот: PNG, JPEG, GIF или WebP, не больше ${MAX_SCREENSHOT_BYTES / 1024 / 1024} МБ; тип проверяется по содержимому` }),
    description: z.string().meta({ description: 'Описание проблемы, 10–10 000 символов' }),
    type: requestTypeSchema.optional().meta({ description: 'Тип обращения; по умолчанию technical' }),
    service: z.string().optional().meta({ description: 'Услуга, о которой обращение' }),
  })
  .meta({ examples: [{ file: '(двоичные данные изображения)', description: 'При оплате госпошлины приложение показывает ошибку 500', type: 'technical' }] });

export const mobileScreenshotResultSchema = z
  .object({
    number: z.string(),
    status: requestStatusSchema,
    type: requestTypeSchema,
    eng: z.string().nullable(),
    createdAt: z.string(),
    dueAt: z.string().nullable(),
    /** filled from the citizen's profile */
    contact: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
    screenshot: requestDocumentSchema,
    tracking: z.object({
      /** the request with its timeline (same bearer token) */
      requestUrl: z.string(),
      /** the processing protocol as PDF */
      protocolUrl: z.string(),
      /** the request's page in the web portal */
      webUrl: z.string(),
    }),
  })
  .meta({
    examples: [
      {
        number: 'RQ-7K3Q-9MXW',
        status: 'accepted',
        type: 'technical',
        eng: exampleEng,
        createdAt: '2026-05-05T18:05:00.000Z',
        dueAt: '2026-05-19T18:05:00.000Z',
        contact: { name: 'Иванов Иван Иванович', email: 'citizen@example.com', phone: '+79161234567' },
        screenshot: { id: '7a1e9c2d-4b3f-4e5a-8d6c-0f1a2b3c4d5e', filename: 'screenshot.png', mime: 'image/png', size: 48213, createdAt: '2026-05-05T18:05:00.000Z' },
        tracking: {
          requestUrl: '/api/requests/RQ-7K3Q-9MXW',
          protocolUrl: '/api/requests/RQ-7K3Q-9MXW/protocol.pdf',
          webUrl: 'https://svyaz.example.org/account/requests/RQ-7K3Q-9MXW',
        },
      },
    ],
  });

// --- requests --------------------------------------------------------------------------------------

export const mobileRequestListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1).meta({ example: 1, description: 'Номер страницы, с 1' }),
  pageSize: z.coerce.number().int().min(1).max(50).default(20).meta({ example: 20, description: 'Обращений на странице, 1–50' }),
  status: requestStatusSchema.optional().meta({ description: 'Только обращения в этом статусе' }),
});

export const mobileRequestListSchema = z
  .object({
    items: z.array(requestSummarySchema),
    page: z.number(),
    pageSize: z.number(),
    total: z.number(),
    /** 0 when there are no requests */
    totalPages: z.number(),
  })
  .meta({
    examples: [
      {
        items: [
          {
            number: 'RQ-7K3Q-9MXW',
            type: 'technical',
            status: 'in_progress',
            description: 'При оплате госпошлины приложение показывает ошибку 500',
            eng: exampleEng,
            service: null,
            createdAt: '2026-05-05T18:05:00.000Z',
            updatedAt: '2026-05-06T07:30:00.000Z',
            dueAt: '2026-05-19T18:05:00.000Z',
            overdue: false,
            escalated: false,
            priority: 0,
          },
        ],
        page: 1,
        pageSize: 20,
        total: 1,
        totalPages: 1,
      },
    ],
  });
