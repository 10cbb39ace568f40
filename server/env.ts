// The only reader of process.env: parsed and checked once at boot; everything else receives `Env`.
import { z } from 'zod';
import { parseSecretBoxKey } from './platform/crypto/secret-box.ts';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  SVYAZ_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().min(3).default('Svyaz <no-reply@svyaz.local>'),
  SMS_GATEWAY_URL: z.string().url().optional(),
  SVYAZ_DEMO: bool,
  SVYAZ_DEMO_PASSWORD: z.string().min(8).default('demo-password'),
  SVYAZ_PUBLIC_URL: z.string().url().optional(),
  SVYAZ_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SVYAZ_LOG_FILE: z.string().min(1).optional(),
  SVYAZ_JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  /** NATS server for chat fan-out between server processes (default: PostgreSQL LISTEN/NOTIFY) */
  NATS_URL: z.string().min(1).optional(),
  /**
   * The key that encrypts channel credentials saved in the console (AES-256-GCM): 32 random bytes as
   * 64 hexadecimal characters or base64 (`openssl rand -hex 32`). Unset: the console lists channel
   * accounts but refuses to save credentials; keep it stable, since a changed key cannot open what
   * the old one sealed.
   */
  SVYAZ_CREDENTIALS_KEY: z
    .string()
    .refine((v) => parseSecretBoxKey(v) !== undefined, '32 bytes expected: 64 hexadecimal characters or base64 (openssl rand -hex 32)')
    .optional(),
  SVYAZ_TEST_DATABASE_URL: z.string().url().optional(),
  /** Telegram bot token from @BotFather; unset: no Telegram channel */
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/, 'expected <bot id>:<secret> from @BotFather').optional(),
  /** another Bot API server (a local one, or a fake in tests) */
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  /** polling (default) asks Telegram for updates; webhook registers SVYAZ_PUBLIC_URL/api/channels/telegram/webhook */
  TELEGRAM_MODE: z.enum(['polling', 'webhook']).default('polling'),
  /** the secret_token Telegram sends in X-Telegram-Bot-Api-Secret-Token; the webhook route exists only when set */
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 characters: A-Z, a-z, 0-9, _ and -').optional(),
  /** VK community access token with the messages right; with VK_GROUP_ID turns the VK channel on */
  VK_GROUP_TOKEN: z.string().min(10).optional(),
  VK_GROUP_ID: z.coerce.number().int().positive().optional(),
  /** the string VK's Callback API settings show, returned to its confirmation request */
  VK_CONFIRMATION_CODE: z.string().min(1).optional(),
  /** the Callback API "secret key": every event carries it */
  VK_CALLBACK_SECRET: z.string().min(8).max(50).optional(),
  VK_API_BASE_URL: z.string().url().default('https://api.vk.ru/method'),
  /** Facebook Page access token (Send API, GET /me); with FACEBOOK_APP_SECRET and FACEBOOK_VERIFY_TOKEN turns the Messenger channel on */
  FACEBOOK_PAGE_ACCESS_TOKEN: z.string().min(10).optional(),
  /** the Meta app's secret: every webhook POST is signed with it (X-Hub-Signature-256) */
  FACEBOOK_APP_SECRET: z.string().min(8).optional(),
  /** the string entered as "Verify token" in the app's webhook settings; the subscription handshake must present it */
  FACEBOOK_VERIFY_TOKEN: z.string().min(8).max(256).optional(),
  /** the Graph API root with its version (a fake in tests) */
  FACEBOOK_GRAPH_API_URL: z.string().url().default('https://graph.facebook.com/v21.0'),
  /** the support address letters come to and replies go from; with EMAIL_SMTP_LISTEN_PORT turns the e-mail channel on */
  EMAIL_CHANNEL_ADDRESS: z.string().trim().toLowerCase().email().optional(),
  /** the port of the desk's SMTP listener your mail server relays the support address's letters to */
  EMAIL_SMTP_LISTEN_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** the listener's address: it has no TLS and no authentication, keep it local or private */
  EMAIL_SMTP_LISTEN_HOST: z.string().min(1).default('127.0.0.1'),
  /** the SMTP server replies are sent through (default: SMTP_URL) */
  EMAIL_SMTP_URL: z.string().url().optional(),
  /** larger letters are refused at SMTP level (552) */
  EMAIL_MAX_MESSAGE_BYTES: z.coerce.number().int().min(65536).max(209715200).default(26214400),
});

export type Env = z.infer<typeof envSchema> & {
  /** true when demo accounts and demo content are created at start */
  demo: boolean;
  /** the address printed at start and used in e-mail links */
  publicUrl: string;
};

/** Parses an environment (process.env by default); throws one readable list of every problem. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}\nSee .env.example for every variable.`);
  }
  const e = parsed.data;
  if (e.EMAIL_CHANNEL_ADDRESS && e.EMAIL_SMTP_LISTEN_PORT !== undefined && !(e.EMAIL_SMTP_URL ?? e.SMTP_URL)) {
    throw new Error('Invalid environment:\n  - EMAIL_SMTP_URL: the e-mail channel sends its replies over SMTP: set EMAIL_SMTP_URL or SMTP_URL\nSee .env.example for every variable.');
  }
  const demo = e.NODE_ENV !== 'production' || e.SVYAZ_DEMO;
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST;
  return { ...e, demo, publicUrl: e.SVYAZ_PUBLIC_URL ?? `http://${shownHost}:${e.PORT}` };
}

/** Test-only settings: where the API suite gets its database (PGlite when unset). */
export function testDatabaseUrl(): string | undefined {
  return process.env.SVYAZ_TEST_DATABASE_URL || undefined;
}
