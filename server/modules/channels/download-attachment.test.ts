import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { UntrustedFileHostError, downloadAttachment, hostAllowed } from './download-attachment.ts';

// two local servers: the "provider" (trusted) and another host on this machine (not trusted)
let provider: Server;
let inside: Server;
let providerHost = '';
let insideHost = '';
const insideHits: string[] = [];

before(async () => {
  inside = createServer((req, res) => {
    insideHits.push(req.url ?? '');
    res.end('internal secret');
  });
  await new Promise<void>((r) => inside.listen(0, '127.0.0.1', r));
  insideHost = `127.0.0.1:${(inside.address() as AddressInfo).port}`;
  provider = createServer((req, res) => {
    if (req.url === '/file') return void res.end('file bytes');
    if (req.url === '/moved') return void res.writeHead(302, { location: '/file' }).end();
    if (req.url === '/away') return void res.writeHead(302, { location: `http://${insideHost}/admin` }).end();
    if (req.url === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r));
  providerHost = `127.0.0.1:${(provider.address() as AddressInfo).port}`;
});
after(async () => {
  provider.closeAllConnections();
  inside.closeAllConnections();
  await Promise.all([new Promise((r) => provider.close(r)), new Promise((r) => inside.close(r))]);
});

const get = (path: string, host = providerHost) => downloadAttachment(`http://${host}${path}`, { maxBytes: 1000, label: 'VK file', allowedHosts: ['userapi.com', providerHost] });

test('a provider host and its subdomains are allowed; look-alikes are not', () => {
  assert.equal(hostAllowed('sun9-2.userapi.com', ['userapi.com']), true);
  assert.equal(hostAllowed('userapi.com', ['userapi.com']), true);
  assert.equal(hostAllowed('evil-userapi.com', ['userapi.com']), false);
  assert.equal(hostAllowed('userapi.com.evil.net', ['userapi.com']), false);
  assert.equal(hostAllowed('169.254.169.254', ['userapi.com']), false);
});

test('a file on the provider’s host is fetched, also through a redirect on that host', async () => {
  assert.equal((await get('/file')).toString(), 'file bytes');
  assert.equal((await get('/moved')).toString(), 'file bytes');
});

test('a link to another host, or a redirect to one, is refused before anything is fetched there', async () => {
  await assert.rejects(get('/admin', insideHost), (err: unknown) => err instanceof UntrustedFileHostError && err.host === insideHost);
  await assert.rejects(get('/away'), UntrustedFileHostError);
  assert.deepEqual(insideHits, [], 'the inside host was never asked');
  await assert.rejects(get('/loop'), /more than 3 redirects/);
  await assert.rejects(downloadAttachment('file:///etc/passwd', { maxBytes: 10, label: 'VK file', allowedHosts: [] }), /only from an http\(s\) URL/);
});
