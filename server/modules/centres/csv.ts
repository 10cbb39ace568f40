// A small RFC 4180 reader (no CSV package is installed): quoted fields with "" escapes and line
// breaks inside quotes, CRLF or LF, a UTF-8 BOM, and the delimiter guessed from the header
// (Russian spreadsheets save with «;»). Each record keeps the line it starts on, for error reports.
export type CsvRecord = { line: number; fields: string[] };

export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const count = (ch: string) => headerLine.split(ch).length - 1;
  const candidates: Array<',' | ';' | '\t'> = [';', ',', '\t'];
  return candidates.reduce((best, ch) => (count(ch) > count(best) ? ch : best), ',' as ',' | ';' | '\t');
}

export function parseCsv(text: string, delimiter?: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = delimiter ?? detectDelimiter(src.slice(0, Math.max(0, src.indexOf('\n')) || src.length));
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  const endRecord = () => {
    fields.push(field);
    if (any || fields.length > 1 || field !== '') records.push({ line: start, fields });
    fields = [];
    field = '';
    any = false;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (ch === '\n') line += 1;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      any = true;
    } else if (ch === sep) {
      fields.push(field);
      field = '';
      any = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      start = line;
    } else field += ch;
  }
  if (field !== '' || fields.length > 0 || any) endRecord();
  return records;
}
