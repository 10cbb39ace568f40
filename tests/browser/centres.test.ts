// Service centres in a real browser: a citizen finds a centre, takes a ticket and watches it; the
// clerk (another browser context) calls it from the console, and the citizen's page changes live,
// without a reload. The centres pages and the console page pass axe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { apiSignIn, checkAccessibility, launchBrowser, openPage, signInToConsole, startServer, type TestServer } from './support.ts';

const allDay = { open: '00:00', close: '24:00' };
const roundTheClock = { days: { '1': allDay, '2': allDay, '3': allDay, '4': allDay, '5': allDay, '6': allDay, '7': allDay }, holiday: allDay };

describe('service centres and the electronic queue', () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let centreId = '';

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // a centre open round the clock, so the test does not depend on the hour it runs at
    const admin = await apiSignIn(server.url, 'admin@example.com');
    const res = await fetch(`${server.url}/api/centres`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ name: 'Пример: круглосуточный центр', address: 'г. Тверь, Лесная улица, д. 1 (пример адреса)', postcode: '170100', region: 'Тверская область', latitude: 56.85, longitude: 35.9, schedule: roundTheClock, services: ['Паспорт', 'Консультация'], sample: true }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    centreId = ((await res.json()) as { id: string }).id;
    const clerk = await apiSignIn(server.url, 'clerk@example.com');
    const place = await fetch(`${server.url}/api/centres/queue/workplace`, { method: 'PUT', headers: { 'content-type': 'application/json', cookie: clerk }, body: JSON.stringify({ centreId }) });
    assert.equal(place.status, 200);
  }, { timeout: 150_000 });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a citizen takes a number, the clerk calls it, the citizen’s page updates live', { timeout: 150_000 }, async () => {
    assert.ok(server && browser);
    const citizen = await openPage(browser);
    const clerk = await openPage(browser);
    try {
      // the contacts page links to the centres
      await citizen.page.goto(`${server.url}/help/contacts`);
      await citizen.page.getByRole('link', { name: 'Центры обслуживания и электронная очередь' }).click();
      await citizen.page.getByRole('heading', { level: 1, name: 'Центры обслуживания' }).waitFor();
      await citizen.page.getByLabel('Адрес, улица или город').fill('на Лесной улице');
      await citizen.page.getByRole('button', { name: 'Найти' }).click();
      await citizen.page.getByText('Найден 1 центр').waitFor();
      await citizen.page.getByRole('link', { name: 'На карте OpenStreetMap' }).waitFor();
      await checkAccessibility(citizen.page, '/centres with results');

      await citizen.page.getByRole('link', { name: 'Пример: круглосуточный центр' }).click();
      await citizen.page.getByRole('heading', { level: 1, name: /Пример: круглосуточный центр/ }).waitFor();
      await citizen.page.getByText(/Открыто сейчас/).first().waitFor();
      await checkAccessibility(citizen.page, 'centre page');
      await citizen.page.getByLabel('Услуга').selectOption('Паспорт');
      await citizen.page.getByRole('button', { name: 'Взять талон' }).click();
      await citizen.page.getByRole('heading', { level: 1, name: 'Талон А-001' }).waitFor();
      const state = citizen.page.getByTestId('ticket-state');
      await state.getByText('Вы следующий').waitFor();
      await citizen.page.getByText('Обновляется автоматически').waitFor();
      await checkAccessibility(citizen.page, 'ticket page');

      // the clerk, in another browser profile
      await signInToConsole(clerk.page, server.url, 'clerk@example.com');
      await clerk.page.getByRole('heading', { level: 1, name: 'Консоль оператора' }).waitFor();
      await clerk.page.getByRole('navigation', { name: 'Разделы консоли' }).getByRole('link', { name: 'Центры' }).click();
      await clerk.page.getByRole('heading', { level: 1, name: 'Электронная очередь центра' }).waitFor();
      await clerk.page.getByTestId('clerk-waiting').getByRole('rowheader', { name: 'А-001' }).waitFor();
      await checkAccessibility(clerk.page, 'clerk console');
      await clerk.page.getByLabel('Окно').fill('5');
      await clerk.page.getByRole('button', { name: 'Пригласить следующего' }).click();
      await clerk.page.getByTestId('clerk-called').getByRole('rowheader', { name: 'А-001' }).waitFor();

      // the citizen's page changes by itself
      await state.getByText('Проходите к окну 5').waitFor({ timeout: 10_000 });
      assert.equal(await citizen.page.getByRole('heading', { level: 1 }).textContent(), 'Талон А-001');

      await clerk.page.getByRole('button', { name: 'Обслужен А-001' }).click();
      await clerk.page.getByTestId('clerk-finished').getByRole('rowheader', { name: 'А-001' }).waitFor();
      await state.getByText('Обслужен').waitFor({ timeout: 10_000 });
    } finally {
      await citizen.context.close();
      await clerk.context.close();
    }
  });

  it('an admin adds a centre with its hours, a wrong time is named at its field, then changes and deletes it', { timeout: 150_000 }, async () => {
    assert.ok(server && browser);
    const { context, page } = await openPage(browser);
    try {
      await signInToConsole(page, server.url, 'admin@example.com');
      await page.getByRole('navigation', { name: 'Разделы консоли' }).getByRole('link', { name: 'Центры' }).click();
      const manage = page.getByRole('region', { name: 'Центры обслуживания' });
      await manage.getByRole('link', { name: 'Изменить: Пример: круглосуточный центр' }).waitFor();
      await manage.getByRole('link', { name: 'Добавить центр' }).click();
      await page.getByRole('heading', { level: 1, name: 'Новый центр обслуживания' }).waitFor();
      await checkAccessibility(page, '/operator/centres/new');

      await page.getByRole('textbox', { name: 'Название' }).fill('Центр на Садовой (проверка)');
      await page.getByRole('textbox', { name: 'Адрес' }).fill('г. Тверь, Садовая улица, д. 5');
      await page.getByRole('textbox', { name: 'Индекс' }).fill('170001');
      await page.getByRole('textbox', { name: 'Регион' }).fill('Тверская область');
      await page.getByRole('textbox', { name: 'Широта' }).fill('56.86');
      await page.getByRole('textbox', { name: 'Долгота' }).fill('35,91');
      await page.getByRole('textbox', { name: 'Услуги' }).fill('Паспорт\nСНИЛС');
      for (const day of ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница']) {
        await page.getByRole('textbox', { name: `${day}: открытие` }).fill('09:00');
        await page.getByRole('textbox', { name: `${day}: закрытие` }).fill('18:00');
      }
      // a special day (next year, so it is always upcoming), and a line that is none
      const year = new Date().getFullYear() + 1;
      const specialDays = page.getByRole('textbox', { name: 'Особые дни' });
      await specialDays.fill(`31.12.${year} закрыто — Санитарный день\nзавтра`);
      await page.getByRole('button', { name: 'Добавить', exact: true }).click();
      await page.getByText('Строка «завтра»: нужна дата ДД.ММ.ГГГГ', { exact: false }).waitFor();
      await specialDays.fill(`31.12.${year} закрыто — Санитарный день\n30.12.${year} 10:00–15:00`);
      // one field of a pair is caught in the page; a time that is no time by the server, at its field
      await page.getByRole('textbox', { name: 'Суббота: открытие' }).fill('10:00');
      await page.getByRole('button', { name: 'Добавить', exact: true }).click();
      await page.getByText('Укажите и открытие, и закрытие — или оставьте оба поля пустыми.').waitFor();
      await page.getByRole('textbox', { name: 'Суббота: закрытие' }).fill('25:00');
      await page.getByRole('button', { name: 'Добавить', exact: true }).click();
      await page.getByRole('alert').first().waitFor();
      assert.equal(await page.getByRole('textbox', { name: 'Суббота: закрытие' }).getAttribute('aria-invalid'), 'true');
      await checkAccessibility(page, '/operator/centres/new with a wrong time');

      await page.getByRole('textbox', { name: 'Суббота: закрытие' }).fill('15:00');
      await page.getByRole('button', { name: 'Добавить', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Центр: Центр на Садовой (проверка)' }).waitFor();
      assert.equal(await page.getByRole('textbox', { name: 'Суббота: закрытие' }).inputValue(), '15:00');
      assert.equal(await page.getByRole('textbox', { name: 'Долгота' }).inputValue(), '35.91');
      assert.equal(await page.getByRole('textbox', { name: 'Особые дни' }).inputValue(), `30.12.${year} 10:00–15:00\n31.12.${year} закрыто — Санитарный день`);

      await page.getByRole('textbox', { name: 'Телефон' }).fill('+7 4822 00-00-00');
      await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Центр «Центр на Садовой (проверка)» сохранён.' }).waitFor();

      await page.getByRole('button', { name: 'Удалить центр' }).click();
      const dialog = page.getByRole('dialog', { name: 'Удалить центр «Центр на Садовой (проверка)»?' });
      await dialog.waitFor();
      await checkAccessibility(page, 'the delete dialog');
      await dialog.getByRole('button', { name: 'Удалить', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Электронная очередь центра' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Центр «Центр на Садовой (проверка)» удалён.' }).waitFor();
      await manage.getByRole('link', { name: 'Изменить: Пример: круглосуточный центр' }).waitFor();
      assert.equal(await manage.getByText('Центр на Садовой (проверка)', { exact: true }).count(), 0);
    } finally {
      await context.close();
    }
  });
});
