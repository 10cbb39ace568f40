// The chat in a real browser, end to end: a visitor asks the bot in the widget and gets an answer
// with a link; HTML in a message is shown as text; «Позвать оператора» hands over; the visitor
// signs in through the chat's «Войти» offer and the conversation is claimed; in a second browser
// the demo operator takes it from the queue, sees the bot's part, answers with a template, and the
// citizen sees the answer arrive without reloading. The widget, /help/chat, the queue and the
// conversation view pass axe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { apiSignIn, checkAccessibility, demoPassword, launchBrowser, openPage, signInToConsole, startServer, type TestServer } from './support.ts';

const question = 'Как узнать статус обращения?';
const html = '<b>жирный</b><script>window.__chatXss = 1</script>';
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

describe('chat', () => {
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

  it('visitor → bot → operator: handover, sign-in claims the chat, the operator answers with a template, live', { timeout: 240_000 }, async () => {
    assert.ok(server && browser);
    const citizen = await openPage(browser);
    const operator = await openPage(browser);
    const page = citizen.page;
    try {
      // --- the visitor and the bot ---------------------------------------------------------------
      await page.goto(`${server.url}/`);
      await page.getByRole('heading', { level: 1, name: 'Служба поддержки' }).waitFor();
      const fab = page.getByRole('button', { name: 'Онлайн-чат' });
      assert.equal(await fab.getAttribute('aria-expanded'), 'false');
      await fab.click();
      const chat = page.getByRole('dialog', { name: 'Онлайн-чат' });
      await chat.waitFor();
      const input = chat.getByRole('textbox', { name: 'Сообщение' });
      // focus moves into the panel
      await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
      await checkAccessibility(page, 'home with the chat widget open');

      // Esc closes the panel and gives focus back to the button; it opens again
      await page.keyboard.press('Escape');
      await chat.waitFor({ state: 'detached' });
      assert.equal(await fab.evaluate((el) => el === document.activeElement), true);
      await fab.click();
      await chat.waitFor();

      await input.fill(question);
      await input.press('Enter');
      const log = chat.getByRole('log', { name: 'Сообщения чата' });
      // the bot's first answer may wait for the language models to warm up
      await log.getByRole('link', { name: 'Как узнать статус обращения?' }).waitFor({ timeout: 45_000 });
      await log.getByText(/Мои обращения/).first().waitFor();
      await chat.getByTestId('chat-state').filter({ hasText: 'Бот отвечает' }).waitFor();
      await checkAccessibility(page, 'home, the chat with a bot answer');

      await chat.getByRole('group', { name: 'Варианты ответа' }).getByRole('button', { name: 'Позвать оператора' }).click();
      await chat.getByTestId('chat-state').filter({ hasText: /^Ожидание оператора — около \d+ мин$/ }).waitFor({ timeout: 30_000 });

      // HTML is text: shown literally, nothing rendered or run
      await input.fill(html);
      await chat.getByRole('button', { name: 'Отправить' }).click();
      await log.getByText(html, { exact: true }).waitFor();
      await page.locator('[data-testid="chat-message"][data-author="citizen"]:not([data-pending])').filter({ hasText: html }).waitFor();
      assert.equal(await log.locator('b, script').count(), 0);
      assert.equal(await page.evaluate(() => (window as unknown as { __chatXss?: number }).__chatXss), undefined);

      // --- handed over without signing in: sign in from the chat, the chat is claimed -------------
      const offer = chat.getByRole('region', { name: 'Как оператору ответить вам' });
      await offer.waitFor();
      await offer.getByRole('button', { name: 'Оставить телефон или e-mail' }).waitFor();
      await offer.getByRole('link', { name: 'Войти' }).click();
      await page.getByRole('heading', { level: 1, name: 'Вход' }).waitFor();
      await page.getByLabel('Электронная почта или телефон').fill('citizen@example.com');
      await page.getByLabel('Пароль').fill(demoPassword);
      await page.getByRole('button', { name: 'Войти', exact: true }).click();
      await page.waitForURL(`${server.url}/`);
      await chat.waitFor();
      await chat.getByRole('status').filter({ hasText: 'Вы вошли — разговор привязан к вашему личному кабинету.' }).waitFor();
      await chat.getByRole('log').getByText(html, { exact: true }).waitFor();
      assert.equal(await chat.getByRole('region', { name: 'Как оператору ответить вам' }).count(), 0);
      // from here on the page must not reload: the operator's answer has to arrive live
      await page.evaluate(() => ((window as unknown as { __sameDocument?: boolean }).__sameDocument = true));

      // --- the operator takes it ---------------------------------------------------------------
      const op = operator.page;
      await signInToConsole(op, server.url, 'operator@example.com');
      await op.getByRole('navigation', { name: 'Разделы консоли' }).getByRole('link', { name: 'Очередь чатов' }).click();
      await op.getByRole('heading', { level: 1, name: 'Очередь чатов' }).waitFor();
      const row = op.getByRole('row').filter({ has: op.getByRole('rowheader', { name: /Иванов Иван Иванович/ }) });
      await row.waitFor();
      await row.getByRole('cell', { name: /Попросил оператора/ }).waitFor();
      assert.match((await row.getByRole('rowheader').textContent()) ?? '', /ЕНГ-\d{10}/);
      assert.match((await row.locator('.queue-wait').textContent()) ?? '', /^\d+:\d\d$/);
      await checkAccessibility(op, '/operator/queue');

      await row.getByRole('button', { name: /^Взять/ }).click();
      await op.waitForURL(/\/operator\/queue\/[0-9a-f-]{36}$/);
      await op.getByRole('heading', { level: 1, name: 'Разговор: Иванов Иван Иванович' }).waitFor();
      const history = op.getByRole('log', { name: 'Сообщения разговора' });
      // the bot's part of the history, with its links, and the citizen's HTML as text
      await history.locator('[data-author="bot"]').filter({ hasText: /Мои обращения/ }).first().waitFor();
      await history.getByRole('link', { name: 'Как узнать статус обращения?' }).waitFor();
      await history.getByText(html, { exact: true }).waitFor();
      assert.equal(await history.locator('b, script').count(), 0);
      assert.match((await op.getByTestId('conversation-eng').textContent()) ?? '', /^ЕНГ-\d{10}$/);
      await op.getByTestId('conversation-state').filter({ hasText: 'У оператора' }).waitFor();
      await op.getByText('Разговор у вас. Можно отвечать.').first().waitFor();
      await checkAccessibility(op, '/operator/queue/:id');

      // the citizen sees that an operator is there and typing
      await chat.getByTestId('chat-state').filter({ hasText: /^Оператор/ }).waitFor();
      const reply = op.getByRole('textbox', { name: 'Ответ гражданину' });
      await reply.pressSequentially('Здравствуйте', { delay: 30 });
      await chat.getByText('Оператор печатает…').waitFor();
      await reply.fill('');

      // an answer from a template, ФИО filled from the citizen's profile
      await op.getByRole('button', { name: 'Вставить шаблон' }).click();
      const templates = op.getByRole('dialog', { name: 'Вставить шаблон ответа' });
      await templates.waitFor();
      await templates.getByRole('searchbox', { name: 'Поиск шаблона' }).fill('статус обращения');
      await templates.getByRole('button', { name: 'Найти' }).click();
      // the search's results (with the short description) replace the full list: wait for them
      await templates.getByText('Шаблон, чтобы узнать у поддержки текущий статус своего обращения по его номеру.').waitFor();
      await templates.getByRole('button', { name: 'Вставить шаблон «Запрос о статусе обращения»' }).click();
      await templates.waitFor({ state: 'detached' });
      const drafted = await reply.inputValue();
      assert.match(drafted, /Прошу сообщить текущий статус моего обращения/);
      assert.match(drafted, /ФИО: Иванов Иван Иванович/);
      assert.match(drafted, /Единый номер Госуслуг: ЕНГ-\d{10}/);
      await op.getByRole('status').filter({ hasText: 'Шаблон «Запрос о статусе обращения» вставлен.' }).waitFor();
      await op.getByRole('button', { name: 'Отправить', exact: true }).click();
      await history.locator('[data-author="operator"]:not([data-pending])').filter({ hasText: 'ФИО: Иванов Иван Иванович' }).waitFor();

      // --- the citizen sees the answer live ------------------------------------------------------
      await chat.getByRole('log').locator('[data-author="operator"]').filter({ hasText: 'Прошу сообщить текущий статус моего обращения' }).waitFor();
      assert.equal(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), true);

      // the citizen attaches a screenshot with the paperclip; the operator sees its thumbnail live
      const attach = chat.getByRole('button', { name: /^Прикрепить файл/ });
      let chooser = page.waitForEvent('filechooser');
      await attach.click();
      await (await chooser).setFiles({ name: 'скриншот.png', mimeType: 'image/png', buffer: png });
      await chat.getByRole('log').getByRole('img', { name: 'Изображение «скриншот.png»' }).waitFor();
      const thumb = history.getByRole('img', { name: 'Изображение «скриншот.png»' });
      await thumb.waitFor();
      await op.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('img.chat-thumb')].some((img) => img.complete && img.naturalWidth > 0));
      // a program named .png is refused with a clear message
      chooser = page.waitForEvent('filechooser');
      await attach.click();
      await (await chooser).setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('MZ\x90\x00 not an image at all') });
      await chat.getByRole('alert').filter({ hasText: /Можно прикрепить только изображения/ }).waitFor();
      await checkAccessibility(op, '/operator/queue/:id with a citizen\'s image');
      await checkAccessibility(page, 'home, the chat with the operator');
      await chat.getByRole('button', { name: 'Удалить' }).click();
      // and the other way: the operator sees the citizen's reply live
      await input.fill('Спасибо, номер обращения пришлю');
      await input.press('Enter');
      await history.locator('[data-author="citizen"]').filter({ hasText: 'Спасибо, номер обращения пришлю' }).waitFor();

      // the same conversation full-page from the help menu
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Помощь' }).click();
      await page.getByRole('menuitem', { name: 'Онлайн-чат' }).click();
      await page.waitForURL(/\/help\/chat$/);
      await page.getByRole('heading', { level: 1, name: 'Онлайн-чат' }).waitFor();
      const full = page.getByRole('log', { name: 'Сообщения чата' });
      await full.getByText(html, { exact: true }).waitFor();
      await full.locator('[data-author="operator"]').filter({ hasText: 'ФИО: Иванов Иван Иванович' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Онлайн-чат' }).count(), 0);
      await checkAccessibility(page, '/help/chat');

      // and in the account's history
      await page.getByRole('link', { name: 'История ваших разговоров' }).click();
      await page.getByRole('heading', { level: 1, name: 'Мои чаты' }).waitFor();
      await page.getByRole('navigation', { name: 'Разговоры' }).getByRole('link', { name: /^Начат/ }).first().click();
      await page.waitForURL(/\/account\/chat\/[0-9a-f-]{36}$/);
      await page.getByRole('log', { name: 'Сообщения чата' }).locator('[data-author="citizen"]').filter({ hasText: question }).waitFor();
      await checkAccessibility(page, '/account/chat/:id');

      // the operator closes the chat; the citizen sees it closed
      await op.getByRole('button', { name: 'Завершить' }).click();
      await op.getByTestId('conversation-state').filter({ hasText: 'Завершён' }).waitFor();
      await page.getByTestId('chat-state').filter({ hasText: 'Разговор завершён' }).waitFor();
    } finally {
      await citizen.context.close();
      await operator.context.close();
    }
  });

  it('without a WebSocket the chat polls; a send whose answer is lost is recovered (retried with the same id or found by the next poll) and stored once', { timeout: 150_000 }, async () => {
    assert.ok(server && browser);
    const { context, page } = await openPage(browser);
    try {
      // every attempt to open the socket is refused: the page has to fall back to polling
      let socketAttempts = 0;
      await context.routeWebSocket(/\/api\/chat\/ws$/, (ws) => {
        socketAttempts += 1;
        ws.close();
      });
      await page.goto(`${server.url}/help/chat`);
      await page.getByRole('heading', { level: 1, name: 'Онлайн-чат' }).waitFor();
      const log = page.getByRole('log', { name: 'Сообщения чата' });
      const input = page.getByRole('textbox', { name: 'Сообщение' });
      await input.fill('Позвать оператора');
      await input.press('Enter');
      await page.getByTestId('chat-state').filter({ hasText: /^Ожидание оператора/ }).waitFor({ timeout: 45_000 });
      await page.getByText('Нет постоянного соединения — новые сообщения проверяются каждые несколько секунд.').waitFor();
      assert.ok(socketAttempts >= 1);

      // the server stores the message, but its answer never reaches the page: the page retries
      const text = `Сообщение с потерянным ответом ${Date.now()}`;
      const ids: string[] = [];
      await page.route(/\/api\/chat\/conversations\/[0-9a-f-]+\/messages$/, async (route) => {
        ids.push((route.request().postDataJSON() as { clientMessageId: string }).clientMessageId);
        if (ids.length === 1) {
          // the server stores it; the page never gets the answer (even if this fetch fails, the route must end)
          await route.fetch().catch(() => undefined);
          await route.abort('connectionreset');
        } else {
          await route.continue();
        }
      });
      await input.fill(text);
      await input.press('Enter');
      await log.locator('[data-author="citizen"]:not([data-pending])').filter({ hasText: text }).waitFor({ timeout: 30_000 });
      // which comes first is a race: the retry (the server answers it from the stored copy) or the
      // poll that brings the stored message back; either way the page must stop showing it pending
      assert.ok(ids.length >= 1, `sent ${ids.length} time(s)`);
      assert.equal(new Set(ids).size, 1, 'every attempt carries the same client message id');
      assert.equal(await log.locator('[data-author="citizen"]').filter({ hasText: text }).count(), 1);

      // an operator answers (through the API); the page, still without a socket, gets it by polling
      const stored = await page.evaluate(() => window.sessionStorage.getItem('svyaz.chat.conversation'));
      const { id } = JSON.parse(stored ?? '{}') as { id: string };
      assert.ok(id);
      const cookie = await apiSignIn(server.url, 'operator@example.com');
      const headers = { cookie, 'content-type': 'application/json' };
      assert.equal((await fetch(`${server.url}/api/chat/conversations/${id}/take`, { method: 'POST', headers: { cookie } })).status, 200);
      const answer = `Ответ оператора без сокета ${Date.now()}`;
      const posted = await fetch(`${server.url}/api/chat/conversations/${id}/operator-messages`, { method: 'POST', headers, body: JSON.stringify({ text: answer, clientMessageId: crypto.randomUUID(), internal: false }) });
      assert.equal(posted.status, 201, await posted.text());
      // polled every 3 s; the wait allows for a loaded machine
      await log.locator('[data-author="operator"]').filter({ hasText: answer }).waitFor({ timeout: 20_000 });
      await page.getByTestId('chat-state').filter({ hasText: /^Оператор/ }).waitFor();

      // the server holds the lost-answer message exactly once
      const conv = (await (await fetch(`${server.url}/api/chat/conversations/${id}`, { headers: { cookie } })).json()) as { messages: Array<{ text: string }> };
      assert.equal(conv.messages.filter((m) => m.text === text).length, 1);
    } finally {
      await context.close();
    }
  });

  it('an anonymous visitor on /help/chat: the full-page chat answers, passes axe, and English works', { timeout: 120_000 }, async () => {
    assert.ok(server && browser);
    const { context, page } = await openPage(browser);
    try {
      await page.goto(`${server.url}/help/chat`);
      await page.getByRole('heading', { level: 1, name: 'Онлайн-чат' }).waitFor();
      await page.getByText(/Я робот-помощник службы поддержки/).waitFor();
      await checkAccessibility(page, '/help/chat, empty');

      await page.getByRole('radiogroup', { name: 'Язык интерфейса' }).getByRole('radio', { name: 'EN' }).click();
      await page.getByRole('heading', { level: 1, name: 'Online chat' }).waitFor();
      await page.getByRole('textbox', { name: 'Message' }).fill('Как восстановить пароль');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('log', { name: 'Chat messages' }).locator('[data-author="bot"]').first().waitFor({ timeout: 45_000 });
      await page.getByTestId('chat-state').filter({ hasText: /The bot is answering|Waiting for an operator/ }).waitFor();
      await checkAccessibility(page, '/help/chat, English');
    } finally {
      await context.close();
    }
  });
});
