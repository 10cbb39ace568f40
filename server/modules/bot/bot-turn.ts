// One turn of the bot: what it says to a citizen's message, and whether it hands over.
// Asking for a human, a legal question or personal data hand over at once; so do «Не помогло»,
// no confident answer, and a second unsure answer in a row.
import type { Deps } from '../../platform/deps.ts';
import { currentHotlineStatus } from '../directory/index.ts';
import { lemmasOf, readArticle, searchKnowledge, tokenize } from '../knowledge/index.ts';
import { composeAnswer, feedbackButtons } from './compose-answer.ts';
import { detectIntent } from './intents.ts';

export type HandoffReason = 'requested' | 'legal' | 'personal_data' | 'no_answer' | 'not_helpful' | 'unsure_twice' | 'attachment';
export type BotReply = { author: 'bot'; text: string; links: Array<{ title: string; url: string }>; buttons: Array<{ label: string; payload: string }> };
export type BotTurn = { replies: BotReply[]; handoff?: HandoffReason; unsureInARow: number };

const say = (text: string, extra: Partial<BotReply> = {}): BotReply => ({ author: 'bot', text, links: [], buttons: [], ...extra });

const buttonTexts: Record<string, string> = { помогло: 'helpful', 'не помогло': 'not_helpful', 'позвать оператора': 'operator' };

export function handoffText(opts: { reason: HandoffReason; waitMinutes: number; signedIn: boolean; hasContact: boolean }): string {
  const lead: Record<HandoffReason, string> = {
    requested: 'Передаю разговор оператору.',
    legal: 'С юридическими вопросами поможет оператор — передаю ему разговор.',
    personal_data: 'В сообщении есть персональные данные — с ними работает только оператор. Передаю ему разговор.',
    no_answer: 'Я не нашла точного ответа на этот вопрос. Передаю разговор оператору.',
    not_helpful: 'Жаль, что ответ не помог. Передаю разговор оператору.',
    unsure_twice: 'Кажется, я не могу точно ответить. Передаю разговор оператору.',
    attachment: 'Файлы смотрит оператор — передаю ему разговор вместе с вашим файлом.',
  };
  const parts = [
    lead[opts.reason],
    'Он увидит всю переписку. Подготовьте, пожалуйста: номер заявки или ИНН, краткое описание проблемы, скриншоты ошибок (если есть).',
    `Ожидаемое время ответа — около ${opts.waitMinutes} мин.`,
  ];
  if (!opts.signedIn && !opts.hasContact) parts.push('Чтобы оператор мог ответить вам и после закрытия окна, войдите в личный кабинет или оставьте телефон или e-mail.');
  return parts.join(' ');
}

const nowWords = new Set(['сейчас', 'открытый', 'открыт', 'открыто', 'сегодня']);
const lineWords = new Set(['линия', 'телефон', 'позвонить', 'звонить', 'дозвониться', 'горячий', 'колл-центр']);

/** «Горячая линия сейчас работает?» — answered from the schedule and the official calendar. */
export function asksIfLineIsOpen(text: string): boolean {
  const lemmas = new Set(tokenize(text).flatMap((w) => [w, ...lemmasOf(w)]));
  return [...lemmas].some((l) => nowWords.has(l)) && [...lemmas].some((l) => lineWords.has(l));
}

export async function botTurn(opts: {
  deps: Pick<Deps, 'db' | 'now'>;
  text: string;
  payload?: string;
  piiKinds: string[];
  unsureInARow: number;
}): Promise<BotTurn> {
  const { deps } = opts;
  const payload = opts.payload ?? buttonTexts[opts.text.trim().toLowerCase().replace(/[.!]+$/, '')];
  if (payload === 'helpful') return { replies: [say('Рада, что смогла помочь! Если появятся вопросы — пишите.')], unsureInARow: 0 };
  if (payload === 'not_helpful') return { replies: [], handoff: 'not_helpful', unsureInARow: 0 };
  if (payload === 'operator') return { replies: [], handoff: 'requested', unsureInARow: 0 };
  if (payload?.startsWith('article:')) {
    const article = await readArticle({ deps, actor: null, idOrSlug: payload.slice('article:'.length) }).catch(() => undefined);
    if (article) {
      return { replies: [say(article.shortAnswer || article.title, { links: [{ title: article.title, url: `/help/articles/${article.slug}` }], buttons: feedbackButtons })], unsureInARow: 0 };
    }
  }
  if (opts.piiKinds.length > 0) return { replies: [], handoff: 'personal_data', unsureInARow: 0 };

  const intent = await detectIntent(opts.text);
  if (intent === 'human') return { replies: [], handoff: 'requested', unsureInARow: 0 };
  if (intent === 'legal') return { replies: [], handoff: 'legal', unsureInARow: 0 };
  if (intent === 'greeting') return { replies: [say('Здравствуйте! Я виртуальный помощник службы поддержки. Опишите вопрос своими словами — например, «не могу подать заявление».')], unsureInARow: opts.unsureInARow };
  if (intent === 'thanks') return { replies: [say('Пожалуйста! Если появятся вопросы — пишите, я на связи круглосуточно.')], unsureInARow: 0 };

  if (asksIfLineIsOpen(opts.text)) {
    const status = await currentHotlineStatus(deps, deps.now(), 'ru').catch(() => null);
    if (status) {
      const text = `Горячая линия: ${status.text.charAt(0).toLowerCase()}${status.text.slice(1)}. Часы работы: пн–пт 08:00–20:00, сб 09:00–18:00, вс 10:00–16:00 по московскому времени; в праздничные дни — 10:00–14:00.`;
      return { replies: [say(text, { links: [{ title: 'Контактные телефоны', url: '/help/contacts' }], buttons: feedbackButtons })], unsureInARow: 0 };
    }
  }

  const result = await searchKnowledge({ deps, query: { q: opts.text.slice(0, 200), limit: 3, offset: 0 } });
  const bodies = new Map<string, { body: string; links: Array<{ title: string; url: string }> }>();
  const top = result.items[0];
  if (top) {
    const a = await readArticle({ deps, actor: null, idOrSlug: top.slug }).catch(() => undefined);
    if (a) bodies.set(a.slug, { body: a.body, links: a.links });
  }
  const answer = composeAnswer(result, (slug) => bodies.get(slug));
  if (answer.kind === 'none') return { replies: [], handoff: 'no_answer', unsureInARow: 0 };
  if (answer.kind === 'clarify') return { replies: [say(answer.text, { links: answer.links, buttons: answer.buttons })], unsureInARow: opts.unsureInARow };
  const unsure = answer.confident ? 0 : opts.unsureInARow + 1;
  if (unsure >= 2) return { replies: [], handoff: 'unsure_twice', unsureInARow: 0 };
  return { replies: [say(answer.text, { links: answer.links, buttons: answer.buttons })], unsureInARow: unsure };
}
