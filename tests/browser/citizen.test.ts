// The citizen portal in a real browser: registration gives an ЕНГ number that the account shows,
// sign-out and sign-in again show the same number; the main pages pass axe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { apiSignIn, checkAccessibility, launchBrowser, openPage, startServer, waitForOutboxMessage, type TestServer } from './support.ts';

describe('citizen portal', () => {
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

  it('registers a citizen, shows the ЕНГ number, signs out and in again', { timeout: 120_000 }, async () => {
    assert.ok(server && browser);
    const { context, page } = await openPage(browser);
    try {
      const email = `citizen-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
      const password = 'надёжный-пароль-1';

      await page.goto(`${server.url}/`);
      await page.getByRole('heading', { level: 1, name: 'Служба поддержки' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
      await checkAccessibility(page, 'home');

      await page.getByRole('link', { name: 'Регистрация' }).click();
      await page.getByRole('heading', { level: 1, name: 'Регистрация' }).waitFor();
      await checkAccessibility(page, '/register');

      // the form refuses a short password before anything is sent
      await page.getByLabel('Фамилия, имя и отчество').fill('Тестова Анна Сергеевна');
      await page.getByLabel('Электронная почта').fill(email);
      await page.getByLabel('Пароль').fill('short');
      await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
      await page.getByText('Пароль — не менее 8 символов.').waitFor();
      assert.match(page.url(), /\/register$/);

      await page.getByLabel('Пароль').fill(password);
      await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
      await page.waitForURL(/\/account$/);
      await page.getByRole('heading', { level: 1, name: 'Личный кабинет' }).waitFor();
      const eng = (await page.getByTestId('eng').textContent())?.trim() ?? '';
      assert.match(eng, /^ЕНГ-\d{10}$/);
      await checkAccessibility(page, '/account');

      await page.getByRole('button', { name: 'Выйти' }).click();
      await page.waitForURL(`${server.url}/`);
      await page.getByRole('heading', { level: 1, name: 'Служба поддержки' }).waitFor();
      await page.getByRole('link', { name: 'Войти' }).waitFor();

      await page.getByRole('link', { name: 'Войти' }).click();
      await page.getByRole('heading', { level: 1, name: 'Вход' }).waitFor();
      await checkAccessibility(page, '/login');

      // a wrong password: the server's message is shown in an alert
      await page.getByLabel('Электронная почта или телефон').fill(email);
      await page.getByLabel('Пароль').fill('wrong-password');
      await page.getByRole('button', { name: 'Войти', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Неверный логин или пароль.' }).waitFor();

      await page.getByLabel('Пароль').fill(password);
      await page.getByRole('button', { name: 'Войти', exact: true }).click();
      await page.waitForURL(/\/account$/);
      const engAgain = (await page.getByTestId('eng').textContent())?.trim() ?? '';
      assert.equal(engAgain, eng);
    } finally {
      await context.close();
    }
  });

  it('opens a «Помощь» section from the menu; unknown addresses get a 404 page', { timeout: 90_000 }, async () => {
    assert.ok(server && browser);
    const { context, page } = await openPage(browser);
    try {
      await page.goto(`${server.url}/`);
      await page.getByRole('heading', { level: 1, name: 'Служба поддержки' }).waitFor();
      await page.getByRole('button', { name: 'Помощь' }).click();
      await page.getByRole('menuitem', { name: 'ЧаВо' }).click();
      await page.waitForURL(/\/help\/faq$/);
      await page.getByRole('heading', { level: 1, name: 'Часто задаваемые вопросы' }).waitFor();
      await page.getByRole('combobox', { name: 'Поиск по справке' }).waitFor();
      await checkAccessibility(page, '/help/faq');

      await page.goto(`${server.url}/help/contacts`);
      await page.getByRole('heading', { level: 1, name: 'Контактные телефоны' }).waitFor();

      await page.goto(`${server.url}/no-such-page`);
      await page.getByRole('heading', { level: 1, name: 'Страница не найдена' }).waitFor();
      await checkAccessibility(page, '404');

      // English on request: the switch changes <html lang> and the texts, and is remembered
      await page.goto(`${server.url}/`);
      await page.getByRole('radiogroup', { name: 'Язык интерфейса' }).getByRole('radio', { name: 'EN' }).click();
      await page.getByRole('heading', { level: 1, name: 'Support service' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Support service' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('recovers access: the link from the e-mail, a code by SMS, a new password', { timeout: 120_000 }, async () => {
    assert.ok(server && browser);
    const unique = `${Date.now()}`.slice(-7);
    const email = `recovery-${unique}-${Math.floor(Math.random() * 1e6)}@example.com`;
    const phone = `+7900${unique}`;
    const registered = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Петров Пётр Петрович', email, phone, password: 'старый-пароль-1' }),
    });
    assert.equal(registered.status, 201, await registered.text());
    const admin = await apiSignIn(server.url, 'admin@example.com');

    const { context, page } = await openPage(browser);
    try {
      await page.goto(`${server.url}/login`);
      await page.getByRole('link', { name: 'Забыли пароль?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Восстановление доступа' }).waitFor();
      await page.getByLabel('Электронная почта').fill(email);
      await page.getByRole('button', { name: 'Отправить ссылку' }).click();
      await page.getByText('Если такой адрес зарегистрирован, мы отправили письмо со ссылкой.').waitFor();
      await checkAccessibility(page, '/recovery, link sent');

      const letter = await waitForOutboxMessage(server.url, admin, (m) => m.recipient === email && m.body.includes('/recovery?token='));
      const token = /\/recovery\?token=([\w-]+)/.exec(letter.body)?.[1];
      assert.ok(token, letter.body);

      await page.goto(`${server.url}/recovery?token=${token}`);
      await page.getByRole('button', { name: 'Получить код' }).click();
      await page.getByText(/Код отправлен на \+7 \*\*\* \*\*\*-\*\*-\d\d по SMS\./).waitFor();
      const sms = await waitForOutboxMessage(server.url, admin, (m) => m.channel === 'sms' && m.recipient === phone && m.body.includes('Код восстановления'));
      const code = /\b(\d{6})\b/.exec(sms.body)?.[1];
      assert.ok(code, sms.body);
      await checkAccessibility(page, '/recovery, code step');

      const wrong = code === '000000' ? '111111' : '000000';
      await page.getByLabel('Код из сообщения').fill(wrong);
      await page.getByLabel('Новый пароль').fill('новый-пароль-1');
      await page.getByRole('button', { name: 'Сохранить пароль' }).click();
      await page.getByRole('alert').filter({ hasText: 'Неверный или устаревший код.' }).waitFor();

      await page.getByLabel('Код из сообщения').fill(code);
      await page.getByRole('button', { name: 'Сохранить пароль' }).click();
      await page.getByRole('heading', { name: 'Пароль изменён' }).waitFor();
      await page.getByRole('link', { name: 'Перейти ко входу' }).click();
      await page.getByRole('heading', { level: 1, name: 'Вход' }).waitFor();
      await page.getByLabel('Электронная почта или телефон').fill(phone);
      await page.getByLabel('Пароль').fill('новый-пароль-1');
      await page.getByRole('button', { name: 'Войти', exact: true }).click();
      await page.waitForURL(/\/account$/);
      await page.getByTestId('eng').waitFor();
    } finally {
      await context.close();
    }
  });
  it('notification settings: SMS about status changes switched off stays off after a reload; the account channel cannot be switched off', { timeout: 90_000 }, async () => {
    assert.ok(server && browser);
    const { context, page } = await openPage(browser);
    try {
      await page.goto(`${server.url}/login`);
      await page.getByLabel('Электронная почта или телефон').fill('citizen@example.com');
      await page.getByLabel('Пароль').fill('demo-password');
      await page.getByRole('button', { name: 'Войти', exact: true }).click();
      await page.waitForURL(/\/account$/);
      const settings = page.getByRole('region', { name: 'Уведомления' });
      const statusGroup = settings.getByRole('group', { name: 'Изменение статуса обращения' });
      const sms = statusGroup.getByRole('checkbox', { name: 'SMS' });
      await sms.waitFor();
      assert.equal(await statusGroup.getByRole('checkbox', { name: 'Личный кабинет (всегда)' }).isDisabled(), true);
      if (!(await sms.isChecked())) {
        // an earlier run left it off: turn it on first, so the change below is a real one
        await sms.check();
        await settings.getByRole('button', { name: 'Сохранить настройки' }).click();
        await settings.getByText('Настройки уведомлений сохранены.').waitFor();
      }
      await sms.focus();
      await page.keyboard.press('Space');
      assert.equal(await sms.isChecked(), false);
      await settings.getByRole('button', { name: 'Сохранить настройки' }).click();
      await settings.getByText('Настройки уведомлений сохранены.').waitFor();
      await checkAccessibility(page, '/account (notification settings)');

      await page.reload();
      const smsAfter = page.getByRole('region', { name: 'Уведомления' }).getByRole('group', { name: 'Изменение статуса обращения' }).getByRole('checkbox', { name: 'SMS' });
      await smsAfter.waitFor();
      assert.equal(await smsAfter.isChecked(), false, 'the choice was saved on the server');
      assert.equal(await page.getByRole('group', { name: 'Ответ по обращению' }).getByRole('checkbox', { name: 'SMS' }).isChecked(), true, 'the other event kept its channels');
    } finally {
      await context.close();
    }
  });
});
