// Answer templates for operators. A template article keeps the text to send in a fenced block;
// its placeholders ({ФИО}, {ЕНГ}, {номер_заявки} …) are filled from what the console knows about
// the conversation's citizen. (GET /api/kb/templates/:id/filled fills from the signed-in user's own
// profile, which for an operator would be the operator.) Unknown placeholders stay as they are.
const FENCE = /```[^\n]*\n([\s\S]*?)```/;

export function templateText(body: string): string {
  return (FENCE.exec(body)?.[1] ?? body).trim();
}

export function fillTemplate(text: string, values: Record<string, string | null | undefined>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const out = text.replace(/\{([\p{L}_]+)\}/gu, (whole, key: string) => {
    const v = values[key.toLowerCase()];
    if (v) return v;
    missing.add(whole);
    return whole;
  });
  return { text: out, missing: [...missing] };
}
