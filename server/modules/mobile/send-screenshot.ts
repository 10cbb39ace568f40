// POST /support/screenshots: a request (обращение) with the screenshot as its document and the
// citizen's profile contacts, made by the requests module in one transaction.
import type { z } from 'zod';
import type { mobileScreenshotFieldsSchema } from '../../../shared/contracts/mobile.ts';
import type { Deps } from '../../platform/deps.ts';
import { createCitizenRequestWithDocument } from '../requests/index.ts';
import { requestLinks } from './mobile-presenter.ts';

export async function sendScreenshot(opts: { deps: Deps; citizenId: string; fields: z.infer<typeof mobileScreenshotFieldsSchema>; file: { data: Buffer; filename: string; mime: string } }) {
  const { deps, fields } = opts;
  const { request, document } = await createCitizenRequestWithDocument({
    deps,
    citizenId: opts.citizenId,
    input: { type: fields.type, description: fields.description, service: fields.service ?? null },
    file: opts.file,
  });
  return {
    number: request.number,
    status: request.status as 'accepted',
    type: request.type as 'technical',
    eng: request.eng,
    createdAt: request.created_at.toISOString(),
    dueAt: request.resolution_due_at ? request.resolution_due_at.toISOString() : null,
    contact: { name: request.contact_name, email: request.contact_email, phone: request.contact_phone },
    screenshot: { id: document.id, filename: document.filename, mime: document.mime, size: document.size, createdAt: document.created_at.toISOString() },
    tracking: requestLinks(request.number, deps.env.publicUrl),
  };
}
