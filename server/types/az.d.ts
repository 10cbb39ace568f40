// Minimal types for the `az` package (Russian morphology with the OpenCorpora dictionary).
declare module 'az' {
  export interface Parse {
    word: string;
    score: number;
    parser: string;
    tag: { POST?: string; [key: string]: unknown };
    normalize(keepPOS?: boolean): { word: string };
  }
  export interface MorphFn {
    (word: string, config?: Record<string, unknown>): Parse[];
    init(path: string, callback: (err: unknown) => void): void;
  }
  const Az: { Morph: MorphFn };
  export default Az;
}
