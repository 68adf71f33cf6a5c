/**
 * The act files a command line names: files as given, and for a directory
 * every .csv and .xlsx file directly inside it (not in subdirectories;
 * Excel's lock files `~$…` and hidden files skipped), sorted by name with
 * numbers in names compared as numbers (akt-9 before akt-17).
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Finding } from '@kitap/core';
import { actFinding } from './act-finding.js';

const ACT_FILE = /\.(?:csv|xlsx)$/iu;
const BY_NAME = new Intl.Collator('ru', { numeric: true, sensitivity: 'variant' });

/** The files to read, in order, and the paths that could not be read (ACT_FILE_UNREADABLE). A file named twice is read once. */
export async function listActFiles(paths: readonly string[]): Promise<{ files: string[]; problems: Finding[] }> {
  const files: string[] = [];
  const problems: Finding[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const key = resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (error) {
      problems.push(actFinding('ACT_FILE_UNREADABLE', 'error', `cannot read ${path}: ${(error as Error).message}`, { file: path }, { case: 'act-path-unreadable', data: { detail: (error as Error).message } }));
      continue;
    }
    if (!isDirectory) {
      add(path);
      continue;
    }
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (error) {
      problems.push(actFinding('ACT_FILE_UNREADABLE', 'error', `cannot list the directory ${path}: ${(error as Error).message}`, { file: path }, { case: 'act-folder-unreadable', data: { detail: (error as Error).message } }));
      continue;
    }
    const names = entries
      .filter((e) => e.isFile() && ACT_FILE.test(e.name) && !e.name.startsWith('~$') && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort((a, b) => BY_NAME.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
    if (names.length === 0) problems.push(actFinding('ACT_FILE_UNREADABLE', 'warning', `the directory ${path} holds no .csv or .xlsx file`, { file: path }, { case: 'act-folder-empty' }));
    for (const name of names) add(join(path, name));
  }
  return { files, problems };
}
