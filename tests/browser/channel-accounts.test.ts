// «Каналы» in a real browser: an admin opens the page from the navigation (only admins see it),
// fills the Telegram form with a mistyped token (the server's message appears at the field), then
// the fake Bot API's token (saved, the state shows «работает», the token only masked), disables the
// account from the keyboard and opens and cancels the delete confirmation. The page, the form with
// an error and the dialog pass axe.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startFakeBotApi, type FakeBotApi } from '../fakes/telegram-bot-api.ts';
import { checkAccessibility, launchBrowser, openPage, signInToConsole, startServer, type TestServer } from './support.ts';

describe('channel accounts in the console', () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let tg: FakeBotApi | undefined;

  before(async () => {
    tg = await startFakeBotApi({ botId: 880011 });
    server = await startServer({ env: { SVYAZ_CREDENTIALS_KEY: randomBytes(32).toString('hex') } });
    browser = await launchBrowser();
  }, { timeout: 150_000 });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await tg?.close();
  });

  it('an admin saves a Telegram account from the form and sees it working', { timeout: 180_000 }, async () => {
    assert.ok(server && browser && tg);
    const { context, page } = await openPage(browser);
    try {
      await signInToConsole(page, server.url, 'operator@example.com');
      assert.equal(await page.getByRole('navigation', { name: 'Разделы консоли' }).getByRole('link', { name: 'Каналы' }).count(), 0, 'not offered to an operator');
      await page.goto(`${server.url}/operator/channels`);
      await page.getByRole('heading', { level: 1, name: 'Недостаточно прав' }).waitFor();
      await page.getByRole('button', { name: 'Выйти' }).click();
      await page.getByRole('heading', { level: 1, name: 'Вход в консоль' }).waitFor();

      await signInToConsole(page, server.url, 'admin@example.com');
      await page.getByRole('navigation', { name: 'Разделы консоли' }).getByRole('link', { name: 'Каналы' }).click();
      await page.getByRole('heading', { level: 1, name: 'Каналы' }).waitFor();
      const row = page.getByTestId('channel-row-telegram');
      await row.getByText('не настроен').waitFor();
      await checkAccessibility(page, '/operator/channels');

      const form = page.getByRole('form', { name: 'Учётная запись: Telegram' });
      await form.getByLabel('Адрес Bot API').fill(tg.url);
      await form.getByRole('combobox', { name: 'Способ получения сообщений' }).selectOption('polling');
      await form.getByLabel('Токен бота').fill('not-a-token');
      await form.getByRole('button', { name: 'Сохранить' }).click();
      await form.getByText('Токен бота выдаёт @BotFather, он выглядит так: 123456789:AAE… (номер бота, двоеточие, секрет).').waitFor();
      assert.equal(await form.getByLabel('Токен бота').getAttribute('aria-invalid'), 'true');
      await checkAccessibility(page, '/operator/channels with a field error');

      await form.getByLabel('Токен бота').fill(tg.token);
      await form.getByLabel('Название в консоли').fill('Бот поддержки');
      await form.getByRole('button', { name: 'Сохранить' }).click();
      await page.getByRole('status').filter({ hasText: 'Учётная запись «Telegram» сохранена. Состояние: работает.' }).waitFor();
      await row.getByText('работает').waitFor();
      await row.getByText('Бот поддержки').waitFor();
      assert.match((await row.textContent()) ?? '', /консоль/);
      // the token is never shown again: only its mask, as the field's hint
      const saved = page.getByRole('form', { name: 'Учётная запись: Telegram' });
      assert.equal(await saved.getByLabel('Токен бота').inputValue(), '');
      await saved.getByText('Сохранено: ••••_abc. Оставьте пустым, чтобы не менять.').waitFor();
      assert.ok(!((await page.content()).includes(tg.token)), 'no token in the page');
      assert.ok(tg.calls.some((c) => c.method === 'getMe'), 'the provider was asked');
      await checkAccessibility(page, '/operator/channels with a saved account');

      // keyboard: focus the button and press Enter
      await page.getByRole('button', { name: 'Отключить: Telegram' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Канал «Telegram» отключён' }).waitFor();
      await row.getByText('отключён').waitFor();

      await page.getByRole('button', { name: 'Удалить: Telegram' }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('alertdialog', { name: 'Удалить учётную запись «Telegram»?' });
      await dialog.waitFor();
      await checkAccessibility(page, '/operator/channels delete confirmation');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await row.getByText('отключён').waitFor();

      await page.getByRole('button', { name: 'Включить: Telegram' }).click();
      await row.getByText('работает').waitFor();
      await page.getByRole('button', { name: 'Удалить: Telegram' }).click();
      await dialog.getByRole('button', { name: 'Удалить' }).click();
      await page.getByRole('status').filter({ hasText: 'Учётная запись «Telegram» удалена.' }).waitFor();
      await row.getByText('не настроен').waitFor();
    } finally {
      await context.close();
    }
  });
});
