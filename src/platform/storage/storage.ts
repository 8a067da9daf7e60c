import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { newId } from '../../shared/ids.js'

/** Where uploaded files are kept: content-addressed blobs on local disk. */
export interface BlobStorage {
  /** Stores bytes and returns the key to read them back and their SHA-256. */
  put(bytes: Uint8Array): Promise<{ key: string; sha256: string }>
  /** Reads the bytes stored under a key. */
  get(key: string): Promise<Buffer>
  /** Deletes the bytes stored under a key (no error when they are already gone). */
  delete(key: string): Promise<void>
}

/** A blob store in a folder; files are written to a temporary name and renamed, so a crash leaves no half file. */
export function createLocalStorage(root: string): BlobStorage {
  const base = resolve(root)
  const pathOf = (key: string) => {
    const path = resolve(base, key)
    // Keys are generated here, but a key read from the database is checked all the same.
    if (!path.startsWith(base + sep)) throw new Error('Invalid storage key')
    return path
  }
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      const key = join(sha256.slice(0, 2), sha256)
      const path = pathOf(key)
      await mkdir(dirname(path), { recursive: true })
      const temporary = `${path}.${newId()}.tmp`
      await writeFile(temporary, bytes)
      await rename(temporary, path)
      return { key, sha256 }
    },
    async get(key) {
      return readFile(pathOf(key))
    },
    async delete(key) {
      await rm(pathOf(key), { force: true })
    },
  }
}
