// Minimal types for the @nlpjs packages used by the bot's intent classifier.
declare module '@nlpjs/core' {
  export interface NlpInstance {
    settings: Record<string, unknown>;
    addLanguage(locale: string): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    process(locale: string, text: string): Promise<{ intent: string; score: number }>;
  }
  export function containerBootstrap(): Promise<{ use(plugin: unknown): void; get(name: string): NlpInstance; registerConfiguration(name: string, config: Record<string, unknown>, overwrite: boolean): void }>;
}
declare module '@nlpjs/nlp' {
  export const Nlp: unknown;
}
declare module '@nlpjs/lang-ru' {
  export const LangRu: unknown;
}
