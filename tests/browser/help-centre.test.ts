// The help centre in a real browser, on the demo content the server seeds: search with a typo and
// a filter, highlighted snippets, the article page and its vote; an answer template filled from
// the demo citizen's profile and copied; the contacts and guides pages; a supervisor's edit in the
// console that the public search finds at once. Every page passes axe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apiSignIn, checkAccessibility, demoPassword, launchBrowser, openPage, signInToConsole, startServer, type TestServer } from './support.ts';

/** Waits until the page's loading indicators are gone. */
async function settled(page: Page): Promise<void> {
  await page.locator('main .loading').first().waitFor({ state: 'detached' });
}

describe('help centre', () => {
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

  it('searches with a typo and a filter, shows highlighted snippets, opens the article and takes a vote', { timeout: 120_000 }, async () => {
    assert.ok(server && browser);
    const { context, page } = await openPage(browser);
    try {
      // the home page's search box leads to the help centre's search
      await page.goto(`${server.url}/`);
      await page.getByLabel('Поиск по справке').fill('стаутс обращения');
      await page.getByRole('button', { name: 'Найти' }).click();
      await page.waitForURL(/\/help\/faq\?q=/);
      await page.getByRole('heading', { level: 1, name: 'Часто задаваемые вопросы' }).waitFor();
      const box = page.getByRole('combobox', { name: 'Поиск по справке' });
      assert.equal(await box.inputValue(), 'стаутс обращения');
      await page.getByRole('status').filter({ hasText: /Найдено материалов: \d+/ }).waitFor();

      // a filter: questions and answers only
      await page.getByLabel('Вид материала').selectOption('faq');
      await page.waitForURL(/kind=faq/);
      await settled(page);
      await page.getByRole('status').filter({ hasText: /Найдено материалов: \d+/ }).waitFor();
      // the typo was understood
      await page.getByText('Возможно, вы искали:').waitFor();
      await page.getByRole('link', { name: 'статус обращения', exact: true }).waitFor();

      const hits = page.locator('.search-hit');
      const titles = await hits.locator('.search-hit-title').allTextContents();
      assert.ok(titles.slice(0, 3).includes('Как узнать статус обращения?'), `top results: ${titles.join(' | ')}`);
      for (const meta of await hits.locator('.search-hit-meta .kind-badge').allTextContents()) assert.equal(meta, 'Вопрос-ответ');
      const hit = hits.filter({ has: page.getByRole('link', { name: 'Как узнать статус обращения?' }) });
      const marks = await hit.locator('.search-snippet mark').allTextContents();
      assert.ok(marks.some((m) => /статус|обращени/i.test(m)), `highlighted: ${marks.join(', ')}`);
      // the snippet is text: no markup of the server reaches the page as HTML
      assert.doesNotMatch((await hit.locator('.search-snippet').textContent()) ?? '', /<\/?mark>|&lt;|&amp;/);
      await page.getByText(/Показаны 1–10 из \d+/).waitFor();
      await checkAccessibility(page, '/help/faq with results');

      // pages of results
      await page.getByRole('button', { name: 'Вперёд' }).click();
      await page.waitForURL(/page=2/);
      await page.getByText(/Показаны 11–\d+ из \d+/).waitFor();
      await page.getByRole('button', { name: 'Назад' }).click();
      await page.getByText(/Показаны 1–10 из \d+/).waitFor();

      // suggestions while typing: links to articles
      await box.fill('восстановлени');
      // (react-aria hides the rest of the page from screen readers while the list is open, which
      // axe reports as aria-hidden-focus; the page is checked with the list closed)
      const suggestions = page.getByRole('listbox', { name: 'Подсказки' });
      await suggestions.getByRole('option', { name: /осстановлени/ }).first().waitFor();
      await page.keyboard.press('Escape');
      await suggestions.waitFor({ state: 'detached' });

      await hit.getByRole('link', { name: 'Как узнать статус обращения?' }).click();
      await page.waitForURL(/\/help\/articles\/request-status-how-to-check$/);
      await page.getByRole('heading', { level: 1, name: 'Как узнать статус обращения?' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Коротко' }).waitFor();
      await page.getByText(/Опубликовано: .*МСК/).waitFor();
      await page.getByRole('heading', { name: 'Была ли статья полезна?' }).waitFor();
      await checkAccessibility(page, 'an article');

      await page.getByRole('button', { name: 'Да', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Спасибо за отзыв!' }).waitFor();
      await page.getByText(/Полезна: 1 · Не полезна: 0/).waitFor();

      // a related article opens through the client router
      const related = page.getByRole('region', { name: 'Похожие материалы' }).getByRole('link').first();
      const relatedTitle = ((await related.textContent()) ?? '').trim();
      await related.click();
      await page.getByRole('heading', { level: 1, name: relatedTitle }).waitFor();

      // nothing found: the chat and the feedback form are offered
      await page.goto(`${server.url}/help/faq?q=${encodeURIComponent('абырвалг зюзюкапр')}`);
      await page.getByRole('heading', { name: 'Ничего не найдено' }).waitFor();
      const main = page.getByRole('main');
      assert.equal(await main.getByRole('link', { name: 'Онлайн-чат' }).getAttribute('href'), '/help/chat');
      assert.equal(await main.getByRole('link', { name: 'Обратная связь' }).getAttribute('href'), '/help/feedback');
      await checkAccessibility(page, '/help/faq, nothing found');

      // without a query: the questions by category
      await page.goto(`${server.url}/help/faq`);
      await page.getByRole('heading', { level: 2, name: 'Вопросы и ответы по разделам' }).waitFor();
      await page.getByRole('heading', { level: 3, name: 'Статус обращений' }).waitFor();
      await checkAccessibility(page, '/help/faq without a query');

      // an unknown article is the 404 page
      await page.goto(`${server.url}/help/articles/no-such-article`);
      await page.getByRole('heading', { level: 1, name: 'Страница не найдена' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('fills an answer template from the demo citizen’s profile, copies it and uses it in a request', { timeout: 120_000 }, async () => {
    assert.ok(server && browser);
    const cookie = await apiSignIn(server.url, 'citizen@example.com');
    const me = (await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json()) as { eng: string; name: string };
    assert.match(me.eng, /^ЕНГ-\d{10}$/);

    const { context, page } = await openPage(browser);
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      await page.goto(`${server.url}/login?next=${encodeURIComponent('/help/articles/template-request-status')}`);
      await page.getByLabel('Электронная почта или телефон').fill('citizen@example.com');
      await page.getByLabel('Пароль').fill(demoPassword);
      await page.getByRole('button', { name: 'Войти', exact: true }).click();
      await page.waitForURL(/\/help\/articles\/template-request-status$/);
      await page.getByRole('heading', { level: 1, name: 'Запрос о статусе обращения' }).waitFor();
      await page.getByText('Шаблон ответа', { exact: true }).first().waitFor();

      const text = page.getByRole('textbox', { name: 'Текст обращения' });
      assert.match(await text.inputValue(), /\{ЕНГ\}/);
      await page.getByRole('textbox', { name: 'Номер обращения' }).fill('12345');
      await page.getByRole('button', { name: 'Заполнить из профиля' }).click();
      await page.getByRole('status').filter({ hasText: 'Данные профиля подставлены.' }).waitFor();
      const filled = await text.inputValue();
      assert.ok(filled.includes(me.eng), filled);
      assert.ok(filled.includes(me.name), filled);
      assert.ok(filled.includes('№ 12345'), filled);
      await checkAccessibility(page, 'an answer template, filled');

      await page.getByRole('button', { name: 'Копировать' }).click();
      await page.getByRole('status').filter({ hasText: 'Скопировано' }).waitFor();
      const clipboard = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(clipboard, filled);

      await page.getByRole('button', { name: 'Использовать в обращении' }).click();
      await page.waitForURL(/\/help\/feedback\?template=template-request-status/);
      // the feedback form with the filled template as its description, editable
      await page.getByText('Описание заполнено из шаблона «Запрос о статусе обращения».').waitFor();
      const draft = page.getByRole('textbox', { name: 'Описание' });
      assert.ok((await draft.inputValue()).includes(me.eng));
      assert.equal(await draft.getAttribute('readonly'), null);
      await checkAccessibility(page, '/help/feedback with a template');
    } finally {
      await context.close();
    }
  });

  it('shows the phone lines and the hotline status; the guides page lists instructions', { timeout: 90_000 }, async () => {
    assert.ok(server && browser);
    // a visitor east of Moscow sees their own time beside Moscow time
    const { context, page } = await openPage(browser, { timezoneId: 'Asia/Yekaterinburg' });
    try {
      await page.goto(`${server.url}/help/contacts`);
      await page.getByRole('heading', { level: 1, name: 'Контактные телефоны' }).waitFor();
      await page.getByRole('heading', { level: 3, name: 'Гражданам России' }).waitFor();
      await page.getByRole('heading', { level: 3, name: 'Иностранным гражданам' }).waitFor();
      const line = page.getByRole('link', { name: '8-800-555-35-35' });
      assert.equal(await line.getAttribute('href'), 'tel:88005553535');
      await page.getByText('Часы работы не указаны').first().waitFor();
      const status = ((await page.getByTestId('hotline-status').textContent()) ?? '').trim();
      assert.match(status, /\(МСК\)/);
      await page.getByText(/Ваше местное время — \d\d:\d\d \(UTC\+5, Asia\/Yekaterinburg\); в Москве — \d\d:\d\d\./).waitFor();
      await page.getByRole('columnheader', { name: 'По вашему времени (UTC+5)' }).waitFor();
      await page.getByRole('rowheader', { name: 'Нерабочие праздничные дни' }).waitFor();
      await checkAccessibility(page, '/help/contacts');

      await page.goto(`${server.url}/help/guides`);
      await page.getByRole('heading', { level: 1, name: 'Инструкции и видеоруководства' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Инструкции' }).waitFor();
      await page.locator('.browse-list a').first().waitFor();
      await page.getByText('Видеоруководств пока нет.', { exact: false }).waitFor();
      await checkAccessibility(page, '/help/guides');
    } finally {
      await context.close();
    }
  });

  it('a supervisor edits an article title in the console and the public search finds it at once', { timeout: 150_000 }, async () => {
    assert.ok(server && browser);
    const { context, page } = await openPage(browser);
    try {
      await signInToConsole(page, server.url, 'supervisor@example.com');
      await page.getByRole('navigation', { name: 'Разделы консоли' }).getByRole('link', { name: 'База знаний' }).click();
      await page.getByRole('heading', { level: 1, name: 'База знаний' }).waitFor();
      await page.getByText(/Показаны 1–20 из \d+/).waitFor();
      await checkAccessibility(page, '/operator/knowledge');

      await page.getByRole('searchbox', { name: 'Заголовок или адрес' }).fill('Как узнать статус обращения');
      await page.getByLabel('Состояние').selectOption('published');
      await page.getByRole('button', { name: 'Показать' }).click();
      await page.getByText('Показаны 1–1 из 1').waitFor();
      await page.getByRole('link', { name: 'Как узнать статус обращения?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Редактирование материала' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Редакции' }).waitFor();
      await checkAccessibility(page, '/operator/knowledge/:id');

      await page.getByRole('tab', { name: 'Предпросмотр' }).click();
      await page.locator('.kb-preview .markdown').waitFor();
      await checkAccessibility(page, '/operator/knowledge/:id, preview');
      await page.getByRole('tab', { name: 'Редактор' }).click();

      // the API's field message is shown beside the field
      const title = page.getByRole('textbox', { name: 'Заголовок', exact: true });
      await title.fill('ab');
      await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Проверьте введённые данные.' }).waitFor();
      await page.getByText('Слишком коротко: минимум 3.').waitFor();

      const newTitle = 'Памятка: как проследить за ходом обращения';
      await title.fill(newTitle);
      await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Сохранено: редакция 2.' }).waitFor();
      await page.getByRole('rowheader', { name: '2', exact: true }).waitFor();
      await checkAccessibility(page, '/operator/knowledge/:id after a save');

      await page.goto(`${server.url}/help/faq?q=${encodeURIComponent('памятка проследить за ходом')}`);
      await page.getByRole('status').filter({ hasText: /Найдено материалов: \d+/ }).waitFor();
      const first = ((await page.locator('.search-hit-title').first().textContent()) ?? '').trim();
      assert.equal(first, newTitle);

      // the form for a new item, and the synonyms
      await page.goto(`${server.url}/operator/knowledge/new`);
      await page.getByRole('heading', { level: 1, name: 'Новый материал' }).waitFor();
      await checkAccessibility(page, '/operator/knowledge/new');
      await page.goto(`${server.url}/operator/knowledge/synonyms`);
      await page.getByRole('heading', { level: 1, name: 'Синонимы поиска' }).waitFor();
      assert.match(await page.getByRole('textbox', { name: 'Группы синонимов' }).inputValue(), /мфц/);
      await checkAccessibility(page, '/operator/knowledge/synonyms');
    } finally {
      await context.close();
    }
  });
});
