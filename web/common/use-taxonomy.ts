// Labels of article kinds, request categories and service types, as GET /api/kb/taxonomy gives them
// in the interface language. Asked once per language; until the answer comes (or if it fails) the
// shared contract's labels stand in, so a badge never shows a bare code.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { articleKindLabels, categoryLabels, serviceLabels } from '../../shared/contracts/knowledge.ts';
import type { Lang } from './i18n.ts';
import { fetchTaxonomy, type Taxonomy } from './kb-api.ts';

export type TaxonomyLabels = {
  kinds: Taxonomy['kinds'];
  categories: Taxonomy['categories'];
  services: Taxonomy['services'];
  kind(code: string): string;
  category(code: string): string;
  service(code: string): string;
};

const cache = new Map<Lang, Promise<Taxonomy>>();

function fallback(lang: Lang): Taxonomy {
  const list = (o: Record<string, { ru: string; en: string }>) => Object.entries(o).map(([code, l]) => ({ code, label: l[lang] }));
  return { kinds: list(articleKindLabels), categories: list(categoryLabels), services: list(serviceLabels) };
}

function labels(t: Taxonomy): TaxonomyLabels {
  const find = (list: Taxonomy['kinds'], code: string) => list.find((x) => x.code === code)?.label ?? code;
  return {
    ...t,
    kind: (code) => find(t.kinds, code),
    category: (code) => find(t.categories, code),
    service: (code) => find(t.services, code),
  };
}

function load(lang: Lang): Promise<Taxonomy> {
  let p = cache.get(lang);
  if (!p) {
    p = fetchTaxonomy().catch(() => {
      cache.delete(lang);
      return fallback(lang);
    });
    cache.set(lang, p);
  }
  return p;
}

export function useTaxonomy(): TaxonomyLabels {
  const { i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ru';
  const [state, setState] = useState<{ lang: Lang; taxonomy: Taxonomy }>(() => ({ lang, taxonomy: fallback(lang) }));
  useEffect(() => {
    let current = true;
    void load(lang).then((taxonomy) => {
      if (current) setState({ lang, taxonomy });
    });
    return () => {
      current = false;
    };
  }, [lang]);
  return labels(state.lang === lang ? state.taxonomy : fallback(lang));
}
