// Channel accounts in the console (admins only): list every kind, save a kind's console account,
// switch it off and on, remove it. An account set by environment variables is listed, never changed.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import {
  channelAccountListSchema,
  channelAccountParamsSchema,
  channelAccountSchema,
  saveChannelAccountBodySchema,
  setChannelAccountEnabledBodySchema,
  type ChannelAccountKind,
} from '../../../shared/contracts/channels.ts';
import type { Deps } from '../../platform/deps.ts';
import { requireRole } from '../../platform/http/auth-guard.ts';
import type { AccountRunner } from './account-runner.ts';
import type { ChannelKind } from './channel-adapter.ts';
import { listChannelAccounts } from './list-channel-accounts.ts';
import { removeChannelAccount } from './remove-channel-account.ts';
import { findKindOr404 } from './require-console-kind.ts';
import { saveChannelAccount } from './save-channel-account.ts';
import { setChannelAccountEnabled } from './set-channel-account-enabled.ts';

// the contract's kinds are the adapters' kinds: a kind added to one and not the other fails here
const sameKinds: [ChannelKind, ChannelAccountKind] extends [ChannelAccountKind, ChannelKind] ? true : never = true;
void sameKinds;

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema, 422: apiErrorSchema };
const admins = ['admin'] as const;

export function registerChannelAccountRoutes(app: FastifyInstance, deps: Deps, runner: AccountRunner): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const presentOne = async (kind: string, lang: 'ru' | 'en') => {
    const { items } = await listChannelAccounts({ deps, runner, lang, only: findKindOr404(kind) });
    return items[0] as NonNullable<(typeof items)[number]>;
  };

  r.get(
    '/api/admin/channel-accounts',
    { schema: { tags: ['channels'], summary: 'Учётные записи каналов: каждый вид канала, настроен он или нет, откуда (окружение или консоль), состояние и последняя ошибка; секреты замаскированы', response: { 200: channelAccountListSchema, ...errors } } },
    async (req) => {
      requireRole(req, admins);
      return listChannelAccounts({ deps, runner, lang: req.lang });
    },
  );

  r.put(
    '/api/admin/channel-accounts/:kind',
    {
      schema: {
        tags: ['channels'],
        summary: 'Создать или заменить учётную запись канала в консоли: проверка полей, проверка у провайдера (422 при отказе), шифрование секретов, перезапуск приёма',
        params: channelAccountParamsSchema,
        body: saveChannelAccountBodySchema,
        response: { 200: channelAccountSchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireRole(req, admins);
      await saveChannelAccount({ deps, runner, actor, kind: req.params.kind, input: req.body });
      return presentOne(req.params.kind, req.lang);
    },
  );

  r.patch(
    '/api/admin/channel-accounts/:kind',
    {
      schema: {
        tags: ['channels'],
        summary: 'Включить или отключить учётную запись канала из консоли (отключённая не принимает и не отправляет сообщения)',
        params: channelAccountParamsSchema,
        body: setChannelAccountEnabledBodySchema,
        response: { 200: channelAccountSchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireRole(req, admins);
      await setChannelAccountEnabled({ deps, runner, actor, kind: req.params.kind, enabled: req.body.enabled });
      return presentOne(req.params.kind, req.lang);
    },
  );

  r.delete(
    '/api/admin/channel-accounts/:kind',
    { schema: { tags: ['channels'], summary: 'Удалить учётную запись канала из консоли (заданную переменными окружения удалить нельзя)', params: channelAccountParamsSchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      const actor = requireRole(req, admins);
      await removeChannelAccount({ deps, runner, actor, kind: req.params.kind });
      return reply.code(204).send(null);
    },
  );
}
