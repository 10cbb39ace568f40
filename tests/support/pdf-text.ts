// Reads a PDF's text back, to check what a generated PDF says: with poppler's `pdftotext` when it
// is installed (CI installs poppler-utils; it reads the file as a PDF viewer would), otherwise with
// pdfjs, which needs no native tools.
import { execFile, spawnSync } from 'node:child_process';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PdfTextReader = 'pdftotext' | 'pdfjs';

let found: boolean | undefined;
/** Which reader `pdfText` uses on this machine. */
export function pdfTextReader(): PdfTextReader {
  found ??= spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;
  return found ? 'pdftotext' : 'pdfjs';
}

export async function pdfText(data: Buffer, opts: { reader?: PdfTextReader } = {}): Promise<string> {
  return (opts.reader ?? pdfTextReader()) === 'pdftotext' ? withPdftotext(data) : withPdfjs(data);
}

/** `pdftotext - -`: the PDF on stdin, UTF-8 text on stdout. */
function withPdftotext(data: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-enc', 'UTF-8', '-q', '-', '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 30_000 }, (err, stdout) => {
      if (err) reject(new Error(`pdftotext failed: ${err.message}`));
      else resolve(stdout);
    });
    child.stdin?.end(data);
  });
}

async function withPdfjs(data: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n');
}
