// What the centre search indexes: lemmas of the name (weight A), of the address (B), of the region
// and the services (C), with the help centre's lemmatizer, so word forms and irregular forms
// meet (на Тверской улице → тверской улица).
import { lemmatizeText } from '../knowledge/index.ts';

export type CentreLemmas = { name: string; address: string; extra: string; terms: string[] };

export function indexCentre(c: { name: string; address: string; region: string; services: string[] }): CentreLemmas {
  const name = lemmatizeText(c.name);
  const address = lemmatizeText(c.address);
  const extra = lemmatizeText(`${c.region} \n ${c.services.join(' \n ')}`);
  return { name: name.text, address: address.text, extra: extra.text, terms: [...new Set([...name.terms, ...address.terms, ...extra.terms])] };
}

/** Address abbreviations as synonym groups for the query planner (ул. ↔ улица, пр-т ↔ проспект…). */
export const addressSynonyms: string[][] = [
  ['улица', 'ул'],
  ['проспект', 'пр-т', 'просп'],
  ['площадь', 'пл'],
  ['переулок', 'пер'],
  ['бульвар', 'б-р', 'бул'],
  ['набережная', 'наб'],
  ['шоссе', 'ш'],
  ['проезд', 'пр-д'],
  ['область', 'обл'],
  ['район', 'р-н'],
  ['микрорайон', 'мкр', 'мкрн'],
  ['санкт-петербург', 'спб', 'питер'],
  ['мфц', 'центр обслуживания', 'многофункциональный центр'],
];
