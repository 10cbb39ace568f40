// Import of centres from CSV or JSON: every row is checked; good rows load (a row whose code is
// known updates that centre), bad rows are reported with the row, the field and the reason.
// Rows load in batches, each in its own transaction, so a large file does not hold one
// transaction open; progress is reported after each batch (the CLI draws a bar from it).
import type { ImportReport } from '../../../shared/contracts/centres.ts';
import type { Lang } from '../../../shared/i18n/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { columnOf } from './centre-row.ts';
import { validateRow } from './centre-row.ts';
import { parseCsv } from './csv.ts';
import { saveCentres } from './save-centre.ts';

export const IMPORT_BATCH = 500;

type Rejection = ImportReport['rejected'][number];
type Row = { row: number; line?: number; raw: unknown };

function rowsFromCsv(content: string): Row[] {
  const records = parseCsv(content);
  const [header, ...data] = records;
  if (!header) throw new AppError('IMPORT_EMPTY', 400);
  const columns = header.fields.map((h) => columnOf(h));
  if (!columns.includes('name') || !columns.includes('address')) throw new AppError('IMPORT_FORMAT', 400);
  return data.map((r, i) => {
    const raw: Record<string, string> = {};
    columns.forEach((col, k) => {
      if (col) raw[col] = r.fields[k] ?? '';
    });
    return { row: i + 1, line: r.line, raw };
  });
}

function rowsFromJson(content: string): Row[] {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    throw new AppError('IMPORT_FORMAT', 400);
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items) ? (data as { items: unknown[] }).items : null;
  if (!list) throw new AppError('IMPORT_FORMAT', 400);
  return list.map((raw, i) => ({ row: i + 1, raw }));
}

export async function importCentres(opts: {
  deps: Pick<Deps, 'db'>;
  format: 'csv' | 'json';
  content: string;
  lang: Lang;
  onProgress?: (done: number, total: number) => void;
}): Promise<ImportReport> {
  const rows = opts.format === 'csv' ? rowsFromCsv(opts.content) : rowsFromJson(opts.content);
  if (rows.length === 0) throw new AppError('IMPORT_EMPTY', 400);
  const rejected: Rejection[] = [];
  const firstRowOfCode = new Map<string, number>();
  const good: Array<{ row: number; input: Parameters<typeof saveCentres>[1][number] }> = [];
  for (const r of rows) {
    const v = validateRow(r.raw, opts.lang);
    const at = { row: r.row, ...(r.line !== undefined ? { line: r.line } : {}) };
    if ('problems' in v) {
      for (const p of v.problems) rejected.push({ ...at, ...p });
      continue;
    }
    const code = v.input.code;
    if (code !== null) {
      const first = firstRowOfCode.get(code);
      if (first !== undefined) {
        rejected.push({ ...at, field: 'code', message: opts.lang === 'ru' ? `Код «${code}» уже встречался в строке ${first}.` : `Code «${code}» already appeared in row ${first}.` });
        continue;
      }
      firstRowOfCode.set(code, r.row);
    }
    good.push({ row: r.row, input: v.input });
  }
  let created = 0;
  let updated = 0;
  opts.onProgress?.(0, good.length);
  for (let i = 0; i < good.length; i += IMPORT_BATCH) {
    const batch = good.slice(i, i + IMPORT_BATCH);
    const written = await inTransaction(opts.deps.db, (tx) => saveCentres(tx, batch.map((b) => b.input)));
    for (const w of written) if (w.created) created += 1;
    else updated += 1;
    opts.onProgress?.(Math.min(i + IMPORT_BATCH, good.length), good.length);
  }
  return { total: rows.length, created, updated, rejected };
}
