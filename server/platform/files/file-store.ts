// Attachments live on the filesystem under <data dir>/files, not in the database (large blobs
// would slow the embedded database). Keys are random; a key never contains a user-given name.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export type FileStore = {
  put(area: string, data: Buffer): Promise<string>;
  get(key: string): Promise<Buffer>;
  /** deletes a file that nothing refers to (a write that lost a race); a missing file is fine */
  remove(key: string): Promise<void>;
};

export function createFileStore(root: string): FileStore {
  const base = resolve(root, 'files');
  const pathOf = (key: string) => {
    if (!/^[a-z-]+\/[0-9a-f-]{36}$/.test(key)) throw new Error('bad file key');
    return join(base, key);
  };
  return {
    async put(area, data) {
      const key = `${area}/${randomUUID()}`;
      await mkdir(join(base, area), { recursive: true });
      await writeFile(pathOf(key), data, { flag: 'wx' });
      return key;
    },
    get: (key) => readFile(pathOf(key)),
    remove: (key) => rm(pathOf(key), { force: true }),
  };
}
