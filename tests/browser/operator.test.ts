// The operator console in a real browser: staff sign-in, the console home, a mistyped ЕНГ
// refused with a message, the admin's audit log with the sign-in rows; console pages pass axe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { checkAccessibility, launchBrowser, luhnCheckDigit, openPage, signInToConsole, startServer, type TestServer } from './support.ts';

describe('operator console', () => {
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

  it('an operator signs in and a mistyped ЕНГ is refused with a message', { timeout: 120_000 }, async () => {
    assert.ok(server && browser);
    const { context, page } = await openPage(browser);
    try {
      await page.goto(`${server.url}/operator/login`);
      await page.getByRole('heading', { level: 1, name: 'Вход в консоль' }).waitFor();
      await checkAccessibility(page, '/operator/login');

      await signInToConsole(page, server.url, 'operator@example.com');
      await page.getByRole('heading', { level: 1, name: 'Консоль оператора' }).waitFor();
      await page.getByText('Ваша роль: Оператор.').waitFor();
      assert.match(page.url(), /\/operator\/?$/);
      // an operator is not offered the admin sections
      assert.equal(await page.getByRole('link', { name: 'Журнал аудита' }).count(), 0);
      await checkAccessibility(page, '/operator');

      await page.getByRole('navigation', { name: 'Разделы консоли' }).getByRole('link', { name: 'Поиск гражданина по ЕНГ' }).click();
      await page.getByRole('heading', { level: 1, name: 'Поиск гражданина по ЕНГ' }).waitFor();
      await checkAccessibility(page, '/operator/citizens');

      const body = '123456789';
      const check = luhnCheckDigit(body);
      const mistyped = `ЕНГ-${body}${(check + 1) % 10}`;
      await page.getByLabel('Единый номер (ЕНГ)').fill(mistyped);
      await page.getByRole('button', { name: 'Найти' }).click();
      await page.getByRole('alert').filter({ hasText: 'Неверный единый номер' }).waitFor();
      await checkAccessibility(page, '/operator/citizens with an error');

      // a well-formed number nobody has: not found, said plainly
      await page.getByLabel('Единый номер (ЕНГ)').fill(`ЕНГ-${body}${check}`);
      await page.getByRole('button', { name: 'Найти' }).click();
      await page.getByRole('alert').filter({ hasText: 'не найден' }).waitFor();

      await page.getByRole('button', { name: 'Выйти' }).click();
      await page.getByRole('heading', { level: 1, name: 'Вход в консоль' }).waitFor();
      await page.goto(`${server.url}/operator/citizens`);
      await page.getByRole('heading', { level: 1, name: 'Вход в консоль' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('an admin opens the audit log and sees the sign-ins; users and outbox pages open', { timeout: 120_000 }, async () => {
    assert.ok(server && browser);
    const { context, page } = await openPage(browser);
    try {
      await signInToConsole(page, server.url, 'admin@example.com');
      await page.getByRole('heading', { level: 1, name: 'Консоль оператора' }).waitFor();
      await page.getByText('Ваша роль: Администратор.').waitFor();

      const nav = page.getByRole('navigation', { name: 'Разделы консоли' });
      await nav.getByRole('link', { name: 'Журнал аудита' }).click();
      await page.getByRole('heading', { level: 1, name: 'Журнал аудита' }).waitFor();
      await page.getByRole('cell', { name: 'Вход', exact: true }).first().waitFor();
      await checkAccessibility(page, '/operator/audit');

      await nav.getByRole('link', { name: 'Пользователи' }).click();
      await page.getByRole('heading', { level: 1, name: 'Пользователи' }).waitFor();
      await page.getByRole('rowheader', { name: 'Оператор Демо' }).waitFor();
      await page.getByText(/Показаны 1–\d+ из \d+/).waitFor();
      await checkAccessibility(page, '/operator/users');

      await page.getByRole('button', { name: 'Создать сотрудника' }).click();
      const dialog = page.getByRole('dialog', { name: 'Новый сотрудник' });
      await dialog.waitFor();
      await checkAccessibility(page, '/operator/users, create dialog');
      await dialog.getByRole('button', { name: 'Отмена' }).click();
      await dialog.waitFor({ state: 'detached' });

      // create a staff member, then change the role
      const name = `Сотрудник ${Date.now()}`;
      await page.getByRole('button', { name: 'Создать сотрудника' }).click();
      await dialog.waitFor();
      await dialog.getByRole('textbox', { name: 'Имя', exact: true }).fill(name);
      await dialog.getByLabel('Электронная почта').fill(`staff-${Date.now()}@example.com`);
      await dialog.getByLabel('Начальный пароль').fill('начальный-пароль-1');
      await dialog.getByRole('combobox', { name: 'Роль', exact: true }).selectOption('mail_clerk');
      await dialog.getByRole('button', { name: 'Создать', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('status').filter({ hasText: `Сотрудник «${name}» создан.` }).waitFor();
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
      await row.getByRole('cell', { name: 'Сотрудник почты', exact: true }).waitFor();
      await row.getByLabel(`Новая роль для пользователя ${name}`).selectOption('supervisor');
      await row.getByRole('button', { name: /^Сменить/ }).click();
      await page.getByRole('status').filter({ hasText: `Роль пользователя «${name}» изменена: Супервизор.` }).waitFor();
      await row.getByRole('cell', { name: 'Супервизор', exact: true }).waitFor();

      await nav.getByRole('link', { name: 'Исходящие уведомления' }).click();
      await page.getByRole('heading', { level: 1, name: 'Исходящие уведомления' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Загрузка…' }).waitFor({ state: 'detached' });
      await checkAccessibility(page, '/operator/outbox');
    } finally {
      await context.close();
    }
  });

  it('an admin enters the 2027 decree into the provisional calendar; wrong days are named where they are', { timeout: 120_000 }, async () => {
    assert.ok(server && browser);
    const { context, page } = await openPage(browser);
    try {
      await signInToConsole(page, server.url, 'admin@example.com');
      await page.getByRole('navigation', { name: 'Разделы консоли' }).getByRole('link', { name: 'Календарь' }).click();
      await page.getByRole('heading', { level: 1, name: 'Производственный календарь' }).waitFor();
      const row2027 = page.getByTestId('calendar-row-2027');
      await row2027.getByText('предварительный').waitFor();
      await row2027.getByRole('cell', { name: '249', exact: true }).waitFor();
      await checkAccessibility(page, '/operator/calendar');

      // opened by keyboard, the year's heading takes the focus
      await row2027.getByRole('button', { name: 'Открыть 2027' }).focus();
      await page.keyboard.press('Enter');
      const year = page.getByTestId('calendar-year');
      await year.getByRole('heading', { name: 'Календарь на 2027 год' }).waitFor();
      await page.waitForFunction(() => document.activeElement?.textContent === 'Календарь на 2027 год');
      await year.getByRole('note').filter({ hasText: 'Предварительный год' }).waitFor();
      const nonWorking = year.getByRole('textbox', { name: 'Нерабочие будни' });
      assert.match(await nonWorking.inputValue(), /^01\.01\.2027\n04\.01\.2027/);

      // a line that is not a date is caught in the page; a Saturday among weekdays off by the server
      await nonWorking.fill(`${await nonWorking.inputValue()}\n1 января`);
      await year.getByRole('button', { name: 'Сохранить календарь' }).click();
      await year.getByText('Не дата: «1 января».', { exact: false }).waitFor();
      await nonWorking.fill((await nonWorking.inputValue()).replace('1 января', '09.01.2027'));
      await year.getByRole('button', { name: 'Сохранить календарь' }).click();
      await year.getByRole('alert').filter({ hasText: 'Календарь не сохранён' }).waitFor();
      await year.getByText('09.01.2027 — суббота или воскресенье', { exact: false }).waitFor();
      assert.equal(await nonWorking.getAttribute('aria-invalid'), 'true');
      await checkAccessibility(page, '/operator/calendar, a wrong day');

      // the decree (a test one): 3 January moved onto Monday 11 January
      await nonWorking.fill((await nonWorking.inputValue()).replace('09.01.2027', '11.01.2027'));
      const transfers = year.getByRole('textbox', { name: 'Переносы выходных' });
      await transfers.fill(`03.01.2027 → 11.01.2027\n${await transfers.inputValue()}`);
      await year.getByRole('textbox', { name: 'Источник' }).fill('Постановление о переносе выходных дней в 2027 году (тестовое)');
      await year.getByRole('checkbox', { name: 'Предварительный (постановления ещё нет)' }).uncheck();
      await year.getByRole('button', { name: 'Сохранить календарь' }).click();
      await page.getByRole('status').filter({ hasText: 'Календарь на 2027 год сохранён: 248 рабочих дней, 117 выходных и праздничных.' }).waitFor();
      await row2027.getByText('по постановлению').waitFor();
      await row2027.getByText('изменён в консоли').waitFor();
      assert.equal(await year.getByRole('note').count(), 0, 'no provisional warning for the decree year');
    } finally {
      await context.close();
    }
  });

  it('a supervisor changes the request deadlines; a wrong number and a first response after the resolution are named at the field', { timeout: 120_000 }, async () => {
    assert.ok(server && browser);
    const { context, page } = await openPage(browser);
    try {
      await signInToConsole(page, server.url, 'supervisor@example.com');
      await page.getByRole('navigation', { name: 'Разделы консоли' }).getByRole('link', { name: 'Обращения' }).click();
      await page.getByRole('link', { name: 'Сроки обработки' }).click();
      await page.getByRole('heading', { level: 1, name: 'Сроки обработки обращений' }).waitFor();
      const first = page.getByRole('textbox', { name: 'Первый ответ для типа «Технический вопрос», рабочих дней' });
      const resolution = page.getByRole('textbox', { name: 'Решение для типа «Технический вопрос», рабочих дней' });
      assert.equal(await resolution.inputValue(), '5');
      await checkAccessibility(page, '/operator/requests/settings');

      await first.fill('0');
      await page.getByRole('button', { name: 'Сохранить сроки' }).click();
      await page.getByText('Введите целое число от 1 до 60.').waitFor();
      await first.fill('7');
      await page.getByRole('button', { name: 'Сохранить сроки' }).click();
      await page.getByText('Первый ответ не может быть позже решения', { exact: false }).first().waitFor();
      assert.equal(await first.getAttribute('aria-invalid'), 'true');
      await checkAccessibility(page, '/operator/requests/settings with an error');

      await first.fill('2');
      await resolution.fill('8');
      await page.getByRole('button', { name: 'Сохранить сроки' }).click();
      await page.getByRole('status').filter({ hasText: 'Сроки сохранены. Они действуют для новых обращений.' }).waitFor();
      await page.reload();
      await page.getByRole('textbox', { name: 'Решение для типа «Технический вопрос», рабочих дней' }).waitFor();
      assert.equal(await page.getByRole('textbox', { name: 'Решение для типа «Технический вопрос», рабочих дней' }).inputValue(), '8');
    } finally {
      await context.close();
    }
  });

  it('a citizen who signs in to the console is told it is not for them', { timeout: 90_000 }, async () => {
    assert.ok(server && browser);
    const { context, page } = await openPage(browser);
    try {
      await signInToConsole(page, server.url, 'citizen@example.com', { wait: false });
      await page.getByRole('heading', { level: 1, name: 'Нет доступа к консоли' }).waitFor();
      assert.equal(await page.getByRole('navigation', { name: 'Разделы консоли' }).count(), 0);
      await checkAccessibility(page, '/operator, no access');
    } finally {
      await context.close();
    }
  });
});
