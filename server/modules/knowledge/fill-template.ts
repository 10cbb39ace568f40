// Answer templates carry placeholders ({ФИО}, {ЕНГ}, {номер_заявки}, …) that are filled from the
// signed-in citizen's own profile; what the profile cannot fill stays as a placeholder and is listed.
import { AppError, notFound } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { findUserById } from '../identity/index.ts';
import { findArticle } from './knowledge-repo.ts';

const FENCE = /```[^\n]*\n([\s\S]*?)```/;

export function templateText(body: string): string {
  return (FENCE.exec(body)?.[1] ?? body).trim();
}

export function fillPlaceholders(text: string, values: Record<string, string | null | undefined>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const out = text.replace(/\{([\p{L}_]+)\}/gu, (m, key: string) => {
    const v = values[key.toLowerCase()];
    if (v) return v;
    missing.add(key);
    return m;
  });
  return { text: out, missing: [...missing] };
}

export async function fillTemplate(opts: { deps: Pick<Deps, 'db'>; idOrSlug: string; userId: string | null; requestNumber?: string }) {
  const row = await findArticle(opts.deps.db, opts.idOrSlug);
  if (!row || row.state !== 'published') throw notFound('ARTICLE_NOT_FOUND');
  if (row.kind !== 'answer_template') throw new AppError('NOT_A_TEMPLATE', 400);
  const user = opts.userId ? await findUserById(opts.deps.db, opts.userId) : undefined;
  const { text, missing } = fillPlaceholders(templateText(row.body), {
    фио: user?.name,
    енг: user?.eng,
    телефон: user?.phone,
    email: user?.email,
    номер_заявки: opts.requestNumber,
  });
  return { id: row.id, title: row.title, text, missing };
}
