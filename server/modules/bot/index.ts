// Public surface of the bot module.
export { botTurn, handoffText, type BotTurn, type HandoffReason } from './bot-turn.ts';
export { detectPii, maskPii } from './pii-detector.ts';
export { initIntents } from './intents.ts';
