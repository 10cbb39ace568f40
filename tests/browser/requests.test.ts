// Requests in a real browser, end to end: the demo citizen sends the feedback form with a
// screenshot (a real PNG); in a second browser the demo operator opens it from the console's queue,
// takes it to work, asks for documents with a reason (a dialog), writes a reply and an internal
// note; the citizen's open page shows each status and the reply as they happen (live) but not the note, is told clearly that a program
// named .png is refused, adds a PDF (the request goes back to work by itself); the operator
// completes it; the citizen downloads the protocol (a PDF) and the screenshot back. A visitor
// without an account sends the public form with a file, gets the number, and opens the request by
// the tracking link from the e-mail, where the support's status change shows up by itself. The form, «Мои обращения», the request page, the queue and
// the console's request page pass axe.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apiSignIn, checkAccessibility, launchBrowser, openPage, signInToConsole, signInToPortal, startServer, type TestServer, waitForOutboxMessage } from './support.ts';

// a 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
// the smallest PDF file-type recognizes by its content
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** The citizen's open page shows this status by itself: the page is live (no reload). */
async function citizenSeesStatus(page: Page, status: string): Promise<void> {
  await page.getByTestId('request-status-row').getByTestId('request-status').filter({ hasText: status }).waitFor();
}

describe('requests', () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, { timeout: 150_000 });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('form with a screenshot → queue → documents asked and added → completed → protocol', { timeout: 300_000 }, async () => {
    assert.ok(server && browser);
    const citizen = await openPage(browser);
    const operator = await openPage(browser);
    const page = citizen.page;
    const tempDir = mkdtempSync(join(tmpdir(), 'svyaz-requests-'));
    try {
      // --- the feedback form ------------------------------------------------------------------
      await signInToPortal(page, server.url, '/help/feedback');
      await page.getByRole('heading', { level: 1, name: 'Обратная связь' }).waitFor();
      const form = page.getByRole('form', { name: 'Форма обращения' });
      await form.waitFor();
      assert.equal(await form.getByRole('textbox', { name: 'Электронная почта' }).inputValue(), 'citizen@example.com', 'the contact comes from the profile');
      await checkAccessibility(page, '/help/feedback');

      // too short a description is refused before anything is sent
      await form.getByRole('textbox', { name: 'Описание' }).fill('коротко');
      await form.getByRole('button', { name: 'Отправить обращение' }).click();
      await form.getByText('Опишите вопрос подробнее — не менее 10 символов.').waitFor();

      // react-aria's radio input is visually hidden: a person clicks its label
      await form.getByText('Запрос о состоянии услуги', { exact: true }).click();
      assert.equal(await form.getByRole('radio', { name: 'Запрос о состоянии услуги' }).isChecked(), true);
      await form.getByRole('textbox', { name: 'Описание' }).fill('Заявление на услугу висит в статусе «Отправлено» уже неделю. Скриншот приложен.');
      await form.getByLabel('Услуга (необязательно)').selectOption({ label: 'Документы и заявления' });
      await form.getByLabel('Вложения: скриншоты и документы').setInputFiles({ name: 'скриншот.png', mimeType: 'image/png', buffer: PNG });
      await form.getByRole('list', { name: 'Выбранные файлы' }).getByText('скриншот.png').waitFor();
      // a file over the limit is named and must be removed before sending
      // (from a file on disk: the browser reads it directly, nothing big goes over the protocol)
      const big = join(tempDir, 'огромный.pdf');
      writeFileSync(big, Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
      await form.getByLabel('Вложения: скриншоты и документы').setInputFiles(big, { timeout: 60_000 });
      await form.getByRole('alert').filter({ hasText: 'Файл «огромный.pdf» больше 10 МБ — его нельзя прикрепить.' }).waitFor();
      await checkAccessibility(page, '/help/feedback, filled, with a file problem');
      await form.getByRole('button', { name: 'Убрать файл огромный.pdf' }).click();
      await form.getByRole('button', { name: 'Отправить обращение' }).click();

      const sent = page.getByTestId('request-sent');
      await sent.waitFor();
      const number = ((await sent.getByTestId('request-number').textContent()) ?? '').trim();
      assert.match(number, /^RQ-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await sent.getByText('Прикреплено файлов: 1.').waitFor();
      await sent.getByText(/^Срок рассмотрения — до \d{2}\.\d{2}\.\d{4}/).waitFor();
      await checkAccessibility(page, '/help/feedback, sent');

      // --- «Мои обращения» ------------------------------------------------------------------------
      await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Мои обращения' }).click();
      await page.getByRole('heading', { level: 1, name: 'Мои обращения' }).waitFor();
      const row = page.getByTestId('my-request-row').filter({ hasText: number });
      await row.waitFor();
      await row.getByText('Принято').waitFor();
      await row.getByText('Запрос о состоянии услуги').waitFor();
      await checkAccessibility(page, '/account/requests');
      // search by a part of the number, typed in lower case, with a status filter
      await page.getByLabel('Статус').selectOption({ label: 'Принято' });
      await page.getByRole('searchbox', { name: 'Номер обращения' }).fill(number.slice(3, 7).toLowerCase());
      await page.getByRole('button', { name: 'Показать' }).click();
      await page.waitForURL(/status=accepted/);
      await row.waitFor();
      // a status it does not have: the empty state
      await page.getByLabel('Статус').selectOption({ label: 'Отказано' });
      await page.getByRole('button', { name: 'Показать' }).click();
      await page.getByText('Обращений с такими условиями нет. Измените фильтр или номер.').waitFor();
      assert.equal(await page.getByTestId('my-request-row').count(), 0);
      await page.getByRole('button', { name: 'Сбросить' }).click();
      await row.getByRole('link', { name: number }).click();

      // --- the request page -------------------------------------------------------------------
      await page.getByRole('heading', { level: 1, name: `Обращение ${number}` }).waitFor();
      await page.getByTestId('request-status-row').getByText('Принято').waitFor();
      await page.getByRole('link', { name: 'Скачать скриншот.png' }).waitFor();
      assert.match((await page.getByTestId('request-due').textContent()) ?? '', /\d{2}\.\d{2}\.\d{4}/);
      await checkAccessibility(page, '/account/requests/:number');

      // --- the operator: queue → request → in progress → documents asked ----------------------
      const op = operator.page;
      await signInToConsole(op, server.url, 'operator@example.com');
      await op.getByRole('navigation', { name: 'Разделы консоли' }).getByRole('link', { name: 'Обращения' }).click();
      await op.getByRole('heading', { level: 1, name: 'Обращения' }).waitFor();
      const queueRow = op.getByTestId('request-row').filter({ hasText: number });
      await queueRow.waitFor();
      await queueRow.getByText('Принято').waitFor();
      assert.match((await queueRow.textContent()) ?? '', /ЕНГ-\d{10}/);
      await checkAccessibility(op, '/operator/requests');
      // the filters: by status and type it is there, overdue it is not
      await op.getByLabel('Статус').selectOption({ label: 'Принято' });
      await op.getByLabel('Тип').selectOption({ label: 'Запрос о состоянии услуги' });
      await op.getByRole('button', { name: 'Показать' }).click();
      await op.waitForURL(/type=service_status/);
      await queueRow.waitFor();
      await op.getByLabel('Срок').selectOption({ label: 'Просроченные' });
      await op.getByRole('button', { name: 'Показать' }).click();
      await op.getByText('Обращений с такими условиями нет.').waitFor();
      await op.getByRole('button', { name: 'Сбросить' }).click();
      await queueRow.getByRole('link', { name: number }).click();

      await op.getByRole('heading', { level: 1, name: `Обращение ${number}` }).waitFor();
      await op.getByTestId('staff-request-name').filter({ hasText: 'Иванов Иван Иванович' }).waitFor();
      assert.match((await op.getByTestId('staff-request-eng').textContent()) ?? '', /^ЕНГ-\d{10}$/);
      await op.getByRole('link', { name: 'Скачать скриншот.png' }).waitFor();
      // the citizen's chats on every channel, found by the request's ЕНГ (a web chat they start now)
      const citizenCookie = await apiSignIn(server.url, 'citizen@example.com');
      const chat = await fetch(`${server.url}/api/chat/conversations`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: citizenCookie }, body: '{}' });
      assert.equal(chat.status, 201, await chat.clone().text());
      const chatId = ((await chat.json()) as { id: string }).id;
      await op.reload();
      const chats = op.getByRole('region', { name: 'Чаты гражданина' });
      await chats.locator(`[data-testid="history-conversation"][data-channel="web"]`).first().waitFor();
      await chats.locator(`a[href$="/queue/${chatId}"]`).waitFor();
      await checkAccessibility(op, '/operator/requests/:number');

      await op.getByRole('button', { name: 'Назначить на меня' }).click();
      await op.getByTestId('staff-request-assignee').filter({ hasText: 'вы' }).waitFor();
      await op.getByRole('button', { name: 'Взять в работу' }).click();
      await op.getByTestId('staff-request-status').getByText('В работе').waitFor();
      await citizenSeesStatus(page, 'В работе');

      await op.getByRole('button', { name: 'Запросить документы' }).click();
      const dialog = op.getByRole('dialog', { name: 'Запросить документы' });
      await dialog.waitFor();
      // the reason is required
      await dialog.getByRole('button', { name: 'Запросить', exact: true }).click();
      await dialog.getByText('Обязательное поле.').waitFor();
      await checkAccessibility(op, 'the «Запросить документы» dialog');
      await dialog.getByRole('textbox', { name: 'Причина' }).fill('Приложите, пожалуйста, заявление в PDF.');
      await dialog.getByRole('button', { name: 'Запросить', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await op.getByTestId('staff-request-status').getByText('Ожидает документов').waitFor();

      const replyBox = op.getByRole('textbox', { name: 'Текст ответа или заметки' });
      await replyBox.fill('Проверить заявление в ведомственной системе');
      await op.getByRole('button', { name: 'Внутренняя заметка' }).click();
      await op.locator('[data-testid="request-event"][data-internal="true"]').filter({ hasText: 'Проверить заявление в ведомственной системе' }).waitFor();
      await replyBox.fill('Мы проверяем ваше заявление, ждём документ.');
      await op.getByRole('button', { name: 'Отправить ответ' }).click();
      await op.locator('[data-testid="request-event"][data-kind="reply"]').filter({ hasText: 'Мы проверяем ваше заявление' }).waitFor();

      // --- the citizen: the reason, the reply, no internal note; a refused file; a PDF ----------
      await citizenSeesStatus(page, 'Ожидает документов');
      await page.getByText('Служба поддержки ждёт от вас документы: Приложите, пожалуйста, заявление в PDF.').waitFor();
      await page.locator('[data-testid="request-event"][data-kind="reply"]').filter({ hasText: 'Мы проверяем ваше заявление, ждём документ.' }).waitFor();
      await page.locator('[data-testid="request-event"][data-kind="status"]').filter({ hasText: 'Причина: Приложите, пожалуйста, заявление в PDF.' }).waitFor();
      assert.equal(await page.getByText('Проверить заявление в ведомственной системе').count(), 0, 'internal notes stay with staff');

      const fileInput = page.getByLabel('Файл', { exact: true });
      await fileInput.setInputFiles({ name: 'заявление.png', mimeType: 'image/png', buffer: Buffer.from('#!/bin/sh\necho hacked\n') });
      await page.getByRole('button', { name: 'Добавить документ' }).click();
      const refused = page.getByTestId('document-error');
      await refused.filter({ hasText: /^Файл «заявление\.png» не принят: Можно прикрепить только изображения/ }).waitFor();
      assert.equal(await fileInput.getAttribute('aria-invalid'), 'true');
      await checkAccessibility(page, '/account/requests/:number with a refused file');

      await fileInput.setInputFiles({ name: 'заявление.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('button', { name: 'Добавить документ' }).click();
      await page.getByRole('status').filter({ hasText: 'Документ «заявление.pdf» добавлен.' }).waitFor();
      await page.getByRole('link', { name: 'Скачать заявление.pdf' }).waitFor();
      // the document sent the request back to work by itself
      await page.getByTestId('request-status-row').getByText('В работе').waitFor();

      // --- the operator completes it: their open page has the citizen's document without a reload --
      await op.getByTestId('staff-request-status').getByText('В работе').waitFor();
      await op.getByRole('link', { name: 'Скачать заявление.pdf' }).waitFor();
      await op.getByRole('button', { name: 'Завершить' }).click();
      await op.getByTestId('staff-request-status').getByText('Завершено').waitFor();
      await op.getByText('Обращение закрыто: статус больше не меняется.').waitFor();

      // --- the citizen: completed, the whole history, the protocol and the screenshot ----------
      await citizenSeesStatus(page, 'Завершено');
      const statusEvents = await page.locator('[data-testid="request-event"][data-kind="status"]').allTextContents();
      const arrows = statusEvents.map((s) => /→\s*(.+?)(?:\d{2}\.\d{2}|$)/.exec(s)?.[1]?.trim());
      assert.deepEqual(arrows, ['В работе', 'Ожидает документов', 'В работе', 'Завершено']);
      await page.getByText('Обращение закрыто — документы добавить нельзя.').waitFor();
      await checkAccessibility(page, '/account/requests/:number, completed');

      const [protocol] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Скачать протокол' }).click()]);
      const pdfPath = await protocol.path();
      assert.ok(pdfPath);
      const pdf = await readFile(pdfPath);
      assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF', 'the protocol is a PDF');
      assert.equal(protocol.suggestedFilename(), `protocol-${number}.pdf`);

      const [shot] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Скачать скриншот.png' }).click()]);
      const shotPath = await shot.path();
      assert.ok(shotPath);
      assert.deepEqual(await readFile(shotPath), PNG, 'the screenshot comes back as it was sent');
    } finally {
      await citizen.context.close();
      await operator.context.close();
      rmSync(tempDir, { recursive: true, force: true });
    }
  });

  it('a visitor without an account sends the public form with a file and follows it by the link from the e-mail', { timeout: 180_000 }, async () => {
    assert.ok(server && browser);
    const { context, page } = await openPage(browser);
    try {
      const email = `visitor-${Date.now()}@example.com`;
      await page.goto(`${server.url}/help/feedback`);
      await page.getByRole('heading', { level: 1, name: 'Обратная связь' }).waitFor();
      const form = page.getByRole('form', { name: 'Форма обращения без входа' });
      await form.waitFor();
      await checkAccessibility(page, '/help/feedback, public form');
      await form.getByRole('textbox', { name: 'Фамилия' }).fill('Сидорова');
      await form.getByRole('textbox', { name: 'Электронная почта' }).fill(email);
      await form.getByRole('textbox', { name: 'Описание' }).fill('Не приходит код подтверждения по SMS при входе.');
      await form.getByLabel('Вложения: скриншоты и документы').setInputFiles({ name: 'код.png', mimeType: 'image/png', buffer: PNG });
      await form.getByRole('button', { name: 'Отправить обращение' }).click();

      const sent = page.getByTestId('request-sent');
      await sent.waitFor();
      const number = ((await sent.getByTestId('request-number').textContent()) ?? '').trim();
      assert.match(number, /^RQ-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await sent.getByText(`Ссылка для отслеживания отправлена на ${email}.`).waitFor();
      await sent.getByText('Прикреплено файлов: 1.').waitFor();
      assert.equal(await sent.getByRole('link', { name: 'Открыть обращение' }).count(), 0);

      const admin = await apiSignIn(server.url, 'admin@example.com');
      const letter = await waitForOutboxMessage(server.url, admin, (m) => m.recipient === email && (m.subject ?? '').startsWith('Ссылка для отслеживания'));
      const link = /https?:\/\/\S+\/requests\/track\/[\w-]+/.exec(letter.body)?.[0];
      assert.ok(link, letter.body);
      await page.goto(`${server.url}${new URL(link).pathname}`);
      await page.getByRole('heading', { level: 1, name: `Обращение ${number}` }).waitFor();
      await page.getByTestId('request-status-row').getByText('Принято').waitFor();
      await page.getByTestId('request-document').filter({ hasText: 'код.png' }).waitFor();
      await checkAccessibility(page, '/requests/track/:token');

      // the support takes it to work: the open page shows it by itself
      const operatorCookie = await apiSignIn(server.url, 'operator@example.com');
      const taken = await fetch(`${server.url}/api/requests/${encodeURIComponent(number)}/status`, { method: 'POST', headers: { cookie: operatorCookie, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'in_progress' }) });
      assert.equal(taken.status, 200, await taken.clone().text());
      await page.getByTestId('request-status-row').getByText('В работе').waitFor();
    } finally {
      await context.close();
    }
  });
});
