// The processing protocol (протокол обработки) as a PDF: number, ЕНГ, type, dates, every status
// change and the deadline. pdfmake with DejaVu Sans embedded: the built-in PDF fonts cannot print
// Cyrillic.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { requestStatusLabels, requestTypeLabels } from '../../../shared/contracts/requests.ts';
import type { z } from 'zod';
import type { requestDetailSchema } from '../../../shared/contracts/requests.ts';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fontsSet = false;

function fmt(iso: string | null): string {
  if (!iso) return '—';
  return `${new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso))} МСК`;
}

const statusRu = (s: string | null) => (s ? (requestStatusLabels[s as keyof typeof requestStatusLabels]?.ru ?? s) : '—');

export async function protocolPdf(r: z.infer<typeof requestDetailSchema>, generatedAt: Date): Promise<Buffer> {
  if (!fontsSet) {
    pdfmake.setFonts({
      DejaVuSans: {
        normal: join(fontDir, 'DejaVuSans.ttf'),
        bold: join(fontDir, 'DejaVuSans-Bold.ttf'),
        italics: join(fontDir, 'DejaVuSans-Oblique.ttf'),
        bolditalics: join(fontDir, 'DejaVuSans-BoldOblique.ttf'),
      },
    });
    // the document only uses the fonts above: no file or URL is ever read on a document's behalf
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));
    fontsSet = true;
  }
  const history = r.events.filter((e) => e.kind === 'created' || e.kind === 'status' || e.kind === 'escalated' || e.kind === 'reraised');
  const doc: TDocumentDefinitions = {
    info: { title: `Протокол обработки обращения ${r.number}` },
    defaultStyle: { font: 'DejaVuSans', fontSize: 10 },
    content: [
      { text: 'Протокол обработки обращения', fontSize: 16, bold: true, margin: [0, 0, 0, 10] },
      {
        table: {
          widths: [150, '*'],
          body: [
            ['Номер обращения', r.number],
            ['Единый номер (ЕНГ)', r.eng ?? '—'],
            ['Тип обращения', requestTypeLabels[r.type].ru],
            ['Текущий статус', statusRu(r.status)],
            ['Создано', fmt(r.createdAt)],
            ['Последнее изменение', fmt(r.updatedAt)],
            ['Срок первого ответа', fmt(r.firstResponseDueAt)],
            ['Срок решения', fmt(r.dueAt)],
          ],
        },
        layout: 'lightHorizontalLines',
      },
      { text: 'История статусов', fontSize: 13, bold: true, margin: [0, 14, 0, 6] },
      {
        table: {
          headerRows: 1,
          widths: [130, 110, 110, '*'],
          body: [
            ['Дата и время', 'Было', 'Стало', 'Комментарий'],
            ...history.map((e) => [fmt(e.at), e.kind === 'created' ? '—' : statusRu(e.fromStatus), e.kind === 'escalated' ? 'Эскалировано' : e.kind === 'reraised' ? 'Повторный запрос' : statusRu(e.toStatus), e.text ?? '']),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      { text: `Сформировано ${fmt(generatedAt.toISOString())}`, fontSize: 8, color: '#555555', margin: [0, 16, 0, 0] },
    ],
  };
  return pdfmake.createPdf(doc).getBuffer();
}
