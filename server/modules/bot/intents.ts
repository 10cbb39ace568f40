// Meta-intents of a citizen message — greeting, thanks, asking for a human, a legal question —
// recognized by the @nlpjs Russian classifier together with word cues (lemmas), so that a
// question *about* operators ("как написать оператору?") is not taken for a request for one.
import { containerBootstrap } from '@nlpjs/core';
import { LangRu } from '@nlpjs/lang-ru';
import { Nlp } from '@nlpjs/nlp';
import { lemmasOf, tokenize } from '../knowledge/index.ts';

export type Intent = 'greeting' | 'thanks' | 'human' | 'legal' | 'question';

const training: Record<string, string[]> = {
  human: [
    'позовите оператора', 'соедините с оператором', 'соедините меня со специалистом', 'хочу поговорить с человеком',
    'переключите на живого сотрудника', 'дайте оператора', 'можно оператора', 'нужен живой человек', 'оператор',
    'свяжите с консультантом', 'позвать оператора', 'хочу к оператору', 'мне нужен специалист', 'поговорить с живым человеком',
  ],
  greeting: ['привет', 'здравствуйте', 'добрый день', 'добрый вечер', 'доброе утро', 'здрасте', 'приветствую'],
  thanks: ['спасибо', 'благодарю', 'спасибо большое', 'спасибо, помогло', 'отлично, спасибо', 'понятно, спасибо'],
  legal: [
    'юридическая консультация', 'могу ли я обжаловать отказ в суде', 'хочу подать в суд', 'мои права нарушены',
    'какой закон это регулирует', 'как оспорить решение ведомства', 'нужна помощь юриста', 'подать иск',
  ],
  question: [
    'как написать оператору в чат', 'сколько ждать ответа оператора', 'как связаться с оператором', 'что подготовить для оператора',
    'как открыть чат', 'где найти форму обратной связи', 'как проверить статус обращения', 'телефон поддержки',
    'как работает горячая линия', 'где мой единый номер', 'как отправить письмо', 'можно ли написать во вконтакте',
    'есть ли поддержка в телеграме', 'какие документы нужны', 'как заказать обратный звонок', 'где служба поддержки в приложении',
  ],
};

const humanCues = new Set(['оператор', 'человек', 'специалист', 'сотрудник', 'консультант', 'живой', 'менеджер', 'операторша']);
const legalCues = new Set([
  'суд', 'судебный', 'обжаловать', 'обжалование', 'оспорить', 'юрист', 'юридический', 'иск', 'исковый', 'апелляция', 'прокуратура',
  'адвокат', 'кодекс', 'закон', 'законный', 'незаконный', 'неправомерный', 'правомерный', 'законодательство', 'претензия',
]);
const questionWords = new Set(['как', 'где', 'сколько', 'когда', 'какой', 'что', 'почему', 'зачем', 'куда', 'откуда', 'чем', 'каков', 'ли']);
const requestVerbs = new Set(['позвать', 'соединить', 'переключить', 'перевести', 'связать', 'поговорить', 'хотеть', 'дать', 'нужный', 'нужно', 'можно', 'пригласить', 'подключить', 'нужен']);
const greetingWords = new Set(['привет', 'здравствуйте', 'здравствуй', 'добрый', 'день', 'вечер', 'утро', 'доброе', 'здрасте', 'приветствовать', 'приветствую']);
const thanksWords = new Set(['спасибо', 'благодарить', 'благодарю', 'большое', 'понятно', 'отлично', 'хорошо', 'помогло', 'помочь', 'ясно']);

type NlpLike = { process(locale: string, text: string): Promise<{ intent: string; score: number }> };
let nlp: Promise<NlpLike> | undefined;

async function build(): Promise<NlpLike> {
  const container = await containerBootstrap();
  // quiet training: the classifier logs every epoch to the console unless its configuration says not to
  container.registerConfiguration('nlu-??', { keepStopwords: true, nonefeatureValue: 1, nonedeltaMultiplier: 1.2, spellCheck: false, spellCheckDistance: 1, filterZeros: true, log: false }, true);
  container.use(Nlp);
  container.use(LangRu);
  const n = container.get('nlp');
  n.settings.autoSave = false;
  n.settings.log = false;
  n.addLanguage('ru');
  for (const [intent, utterances] of Object.entries(training)) for (const u of utterances) n.addDocument('ru', u, intent);
  await n.train();
  return n as NlpLike;
}

export function initIntents(): Promise<NlpLike> {
  nlp ??= build();
  return nlp;
}

export async function detectIntent(text: string): Promise<Intent> {
  const words = tokenize(text);
  const lemmas = new Set(words.flatMap((w) => [w, ...lemmasOf(w)]));
  const has = (set: Set<string>) => [...lemmas].some((l) => set.has(l));
  if (words.length === 0) return 'question';
  if (has(legalCues)) return 'legal';
  const asks = words.some((w) => questionWords.has(w));
  if (has(humanCues) && !asks && (has(requestVerbs) || words.length <= 3)) return 'human';
  if (words.every((w) => greetingWords.has(w) || lemmasOf(w).some((l) => greetingWords.has(l)))) return 'greeting';
  if (words.every((w) => thanksWords.has(w) || lemmasOf(w).some((l) => thanksWords.has(l)))) return 'thanks';
  const r = await (await initIntents()).process('ru', text);
  if (r.intent === 'human' && r.score > 0.85 && has(humanCues) && !asks) return 'human';
  return 'question';
}
