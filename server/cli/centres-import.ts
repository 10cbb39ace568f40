// `npm run centres:import -- centres.csv [--format=csv|json] [--lang=ru|en]`: imports service
// centres into the database the server uses (DATABASE_URL, else the embedded one in
// SVYAZ_DATA_DIR — stop the server first: the embedded database is opened by one process at a
// time; or import through the admin API, POST /api/centres/import). A progress bar goes to
// stderr; rejected rows (row, line, field, reason) and the summary to stdout.
// Exit code: 0 when every row loaded, 2 when some rows were rejected, 1 when the import failed.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { loadEnv } from '../env.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { AppError } from '../platform/errors.ts';
import { errorMessages, interpolate } from '../../shared/i18n/errors.ts';
import { importCentres } from '../modules/centres/index.ts';
import { initLemmatizer } from '../modules/knowledge/index.ts';

function progressBar(done: number, total: number): string {
  const width = 30;
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${done}/${total}`;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const lang = option('lang') === 'en' ? 'en' : 'ru';
  if (!file) {
    console.error('Использование: npm run centres:import -- файл.csv|файл.json [--format=csv|json] [--lang=ru|en]');
    return 1;
  }
  const format = option('format') === 'json' || (!option('format') && extname(file).toLowerCase() === '.json') ? 'json' : 'csv';
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`Не удалось прочитать файл ${file}: ${(err as Error).message}`);
    return 1;
  }
  const env = loadEnv();
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.SVYAZ_DATA_DIR });
  try {
    await migrateToLatest(database.db as never);
    await initLemmatizer();
    const tty = process.stderr.isTTY;
    let lastShare = -1;
    const report = await importCentres({
      deps: { db: database.db },
      format,
      content,
      lang,
      onProgress: (done, total) => {
        if (tty) process.stderr.write(`\r${progressBar(done, total)}`);
        else {
          // without a terminal: a line every 10 %
          const share = total === 0 ? 100 : Math.floor((done / total) * 10) * 10;
          if (share !== lastShare) process.stderr.write(`${progressBar(done, total)}\n`);
          lastShare = share;
        }
      },
    });
    if (tty) process.stderr.write('\n');
    for (const r of report.rejected) {
      const where = lang === 'ru' ? `строка ${r.row}${r.line ? ` (строка файла ${r.line})` : ''}` : `row ${r.row}${r.line ? ` (file line ${r.line})` : ''}`;
      console.log(`${where}, ${lang === 'ru' ? 'поле' : 'field'} ${r.field}: ${r.message}`);
    }
    const rejectedRows = new Set(report.rejected.map((r) => r.row)).size;
    console.log(
      lang === 'ru'
        ? `Всего строк: ${report.total}; добавлено: ${report.created}; обновлено: ${report.updated}; отклонено: ${rejectedRows}.`
        : `Rows: ${report.total}; created: ${report.created}; updated: ${report.updated}; rejected: ${rejectedRows}.`,
    );
    return rejectedRows > 0 ? 2 : 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(interpolate(errorMessages[err.code][lang], err.params));
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('Импорт не выполнен:', err);
    process.exit(1);
  },
);
