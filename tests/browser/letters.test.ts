// Postal letters and call-backs in a real browser. The mail clerk registers a letter: a date in
// the future, a mistyped ЕНГ and a taken tracking number are refused with the message at the field;
// the letter with the citizen's ЕНГ and a PDF scan is registered, the scan downloads, the reply is
// recorded by post; the citizen sees the letter and the reply under «Мои обращения». A citizen books
// a call-back from the contacts page (and cancels one), an operator sees it due and marks it done,
// and the citizen sees it done. axe checks the contacts page, the call-back page and the letters pages.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { apiSignIn, checkAccessibility, launchBrowser, openPage, signInToConsole, signInToPortal, startServer, type TestServer } from './support.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

describe('letters and call-backs', () => {
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

  it('the mail clerk registers a letter with a scan and records the reply; the citizen sees it', { timeout: 240_000 }, async () => {
    assert.ok(server && browser);
    const citizenCookie = await apiSignIn(server.url, 'citizen@example.com');
    const me = (await (await fetch(`${server.url}/api/me`, { headers: { cookie: citizenCookie } })).json()) as { eng: string };
    const clerk = await openPage(browser);
    const page = clerk.page;
    const tempDir = mkdtempSync(join(tmpdir(), 'svyaz-letters-'));
    try {
      const scanPath = join(tempDir, 'скан письма.pdf');
      writeFileSync(scanPath, PDF);
      await signInToConsole(page, server.url, 'mail@example.com');
      await page.getByRole('navigation', { name: 'Разделы консоли' }).getByRole('link', { name: 'Письма' }).click();
      await page.getByRole('heading', { level: 1, name: 'Письма' }).waitFor();
      const form = page.getByRole('form', { name: 'Регистрация письма' });
      await form.waitFor();
      await checkAccessibility(page, '/operator/letters');

      const tracking = `RA${String(Date.now()).slice(-9)}RU`;
      await form.getByRole('textbox', { name: 'ФИО отправителя' }).fill('Иванов Иван Иванович');
      await form.getByRole('textbox', { name: 'Трек-номер отправления' }).fill(tracking);
      // a letter from the future: the API's message under the date
      await form.getByLabel('Дата получения').fill('2099-01-10');
      await form.getByRole('button', { name: 'Зарегистрировать' }).click();
      await form.getByTestId('received-error').filter({ hasText: 'Дата получения письма не может быть в будущем.' }).waitFor();
      // a mistyped ЕНГ: refused before any lookup, the message under the field
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
      await form.getByLabel('Дата получения').fill(today);
      const digits = me.eng.replace(/\D/g, '');
      const wrongEng = `ЕНГ-${digits.slice(0, 9)}${(Number(digits[9]) + 1) % 10}`;
      await form.getByRole('textbox', { name: 'Единый номер (ЕНГ)' }).fill(wrongEng);
      await form.getByRole('button', { name: 'Зарегистрировать' }).click();
      await form.getByText('Неверный единый номер: ожидается ЕНГ- и 10 цифр с верной контрольной цифрой.').first().waitFor();
      assert.equal(await form.getByRole('textbox', { name: 'Единый номер (ЕНГ)' }).getAttribute('aria-invalid'), 'true');
      await checkAccessibility(page, '/operator/letters with field errors');

      await form.getByRole('textbox', { name: 'Единый номер (ЕНГ)' }).fill(me.eng);
      await form.getByRole('textbox', { name: 'Телефон' }).fill('8 916 100-20-30');
      await form.getByLabel('Скан письма (PDF или изображение, до 10 МБ)').setInputFiles(scanPath);
      await form.getByRole('button', { name: 'Зарегистрировать' }).click();
      const registered = page.getByTestId('letter-registered');
      await registered.waitFor();
      assert.match((await registered.textContent()) ?? '', new RegExp(`Письмо ${tracking} зарегистрировано\\. Ответить нужно до \\d{1,2} [а-я]+ \\d{4}`));
      await page.getByText('Скан приложен.').waitFor();

      const row = page.getByTestId('letter-row').filter({ hasText: tracking });
      await row.waitFor();
      await row.getByText(/остал(ось|ся) \d+ рабоч/).waitFor();
      const scanLink = row.getByRole('link', { name: `Скан письма ${tracking}` });
      const href = await scanLink.getAttribute('href');
      assert.ok(href);
      const download = await page.request.get(`${server.url}${href}`);
      assert.equal(download.status(), 200);
      assert.equal(download.headers()['content-type'], 'application/pdf');
      assert.deepEqual(await download.body(), PDF);

      // the same tracking number again: refused at the field
      await form.getByRole('textbox', { name: 'ФИО отправителя' }).fill('Петров Пётр Петрович');
      await form.getByRole('textbox', { name: 'Трек-номер отправления' }).fill(tracking);
      await form.getByRole('button', { name: 'Зарегистрировать' }).click();
      await form.getByText('Письмо с таким трек-номером уже зарегистрировано.').first().waitFor();
      assert.equal(await form.getByRole('textbox', { name: 'Трек-номер отправления' }).getAttribute('aria-invalid'), 'true');

      // the reply, by post with its tracking number
      await row.getByRole('button', { name: `Записать ответ на письмо ${tracking}` }).click();
      const dialog = page.getByRole('dialog', { name: `Ответ на письмо ${tracking}` });
      await dialog.waitFor();
      await checkAccessibility(page, '/operator/letters, reply dialog');
      await dialog.getByRole('button', { name: 'Сохранить ответ' }).click();
      await dialog.getByText('Обязательное поле.').waitFor();
      await dialog.getByRole('textbox', { name: 'Трек-номер ответа' }).fill('RB123456789RU');
      await dialog.getByRole('button', { name: 'Сохранить ответ' }).click();
      await page.getByText(`Ответ на письмо ${tracking} записан.`).waitFor();
      await dialog.waitFor({ state: 'detached' });
      await page.getByLabel('Показать').selectOption({ label: 'С ответом' });
      await page.waitForURL(/view=answered/);
      const answered = page.getByTestId('letter-row').filter({ hasText: tracking });
      await answered.getByTestId('letter-reply').filter({ hasText: 'Ответ почтой, трек-номер RB123456789RU' }).waitFor();
      await checkAccessibility(page, '/operator/letters?view=answered');

      // the citizen: «Письма» under «Мои обращения»
      const citizen = await openPage(browser);
      try {
        await signInToPortal(citizen.page, server.url, '/account/requests');
        await citizen.page.getByRole('heading', { level: 2, name: 'Письма' }).waitFor();
        const mine = citizen.page.getByTestId('my-letter-row').filter({ hasText: tracking });
        await mine.getByText('Ответ отправлен').waitFor();
        await mine.getByText('Ответ почтой, трек-номер RB123456789RU', { exact: false }).waitFor();
        await mine.getByRole('link', { name: `Скачать скан письма ${tracking}` }).waitFor();
        await checkAccessibility(citizen.page, '/account/requests with letters');
      } finally {
        await citizen.context.close();
      }
    } finally {
      await clerk.context.close();
      rmSync(tempDir, { recursive: true, force: true });
    }
  });

  it('a citizen books a call-back; an operator sees it due and marks it done', { timeout: 240_000 }, async () => {
    assert.ok(server && browser);
    const citizen = await openPage(browser);
    const operator = await openPage(browser);
    const page = citizen.page;
    try {
      await signInToPortal(page, server.url, '/help/contacts');
      await page.getByRole('heading', { level: 1, name: 'Контактные телефоны' }).waitFor();
      await page.getByTestId('hotline-status').waitFor();
      await checkAccessibility(page, '/help/contacts');
      await page.getByRole('link', { name: 'Заказать обратный звонок' }).click();
      await page.getByRole('heading', { level: 1, name: 'Обратный звонок' }).waitFor();
      const form = page.getByRole('form', { name: 'Заказ обратного звонка' });
      await page.getByTestId('callback-slot').first().waitFor();
      await checkAccessibility(page, '/help/callback');

      await form.getByRole('textbox', { name: 'Телефон' }).fill('+7 916 555-44-33');
      await form.getByRole('textbox', { name: 'Тема разговора' }).fill('Не приходит код подтверждения');
      // no slot chosen: said at the slots
      await form.getByRole('button', { name: 'Заказать звонок' }).click();
      await page.getByTestId('slot-error').filter({ hasText: 'Выберите время звонка.' }).waitFor();
      const slots = page.getByTestId('callback-slot');
      const first = ((await slots.first().textContent()) ?? '').trim();
      assert.match(first, /^\d{2}:\d{2} МСК/);
      await slots.first().click();
      await form.getByRole('button', { name: 'Заказать звонок' }).click();
      await page.getByTestId('callback-booked').waitFor();
      // cancelled right away, then booked again
      await page.getByRole('button', { name: 'Отменить звонок' }).click();
      await page.getByText('Звонок отменён.').waitFor();
      await page.getByTestId('my-callback').filter({ hasText: 'Отменён' }).waitFor();
      await form.getByRole('textbox', { name: 'Тема разговора' }).fill('Не приходит код подтверждения');
      await page.getByTestId('callback-slot').first().click();
      await form.getByRole('button', { name: 'Заказать звонок' }).click();
      await page.getByTestId('callback-booked').waitFor();
      await page.getByTestId('my-callback').filter({ hasText: 'Назначен' }).waitFor();
      await checkAccessibility(page, '/help/callback, booked');

      await signInToConsole(operator.page, server.url, 'operator@example.com');
      await operator.page.getByRole('navigation', { name: 'Разделы консоли' }).getByRole('link', { name: 'Обратные звонки' }).click();
      await operator.page.getByRole('heading', { level: 1, name: 'Обратные звонки' }).waitFor();
      const row = operator.page.getByTestId('callback-row').filter({ hasText: '+79165554433' });
      await row.getByText('Не приходит код подтверждения').waitFor();
      assert.equal(await row.count(), 1, 'the cancelled call is not due');
      await checkAccessibility(operator.page, '/operator/callbacks');
      await row.getByRole('button', { name: 'Отметить звонок на +79165554433 как состоявшийся' }).click();
      await operator.page.getByText('Звонок на +79165554433 отмечен как состоявшийся.').waitFor();
      await row.waitFor({ state: 'detached' });

      await page.reload();
      await page.getByTestId('my-callback').filter({ hasText: 'Состоялся' }).waitFor();
    } finally {
      await citizen.context.close();
      await operator.context.close();
    }
  });
});
