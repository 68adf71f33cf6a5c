import { readFile } from 'node:fs/promises';
import { KitapError } from '@kitap/core';
import { subjectGroupsSchema, type SubjectRules } from './subject-rules.js';

/**
 * The subject-group mapping from a parsed JSON value (`--subjects <file>`),
 * resolved to the rule list `subjectGroupOf` takes. Throws KitapError
 * E_SUBJECT_MAPPING listing every problem with its path
 * (`rules.2.bbk.0: not a BBK class number …`).
 */
export function parseSubjectGroups(json: unknown, file?: string): SubjectRules {
  const parsed = subjectGroupsSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
  throw new KitapError('E_SUBJECT_MAPPING', `subject-group mapping: ${issues}`, file !== undefined ? { file } : {});
}

/** Reads and checks a subject-group mapping file (UTF-8 JSON, a BOM allowed); see `parseSubjectGroups`. */
export async function loadSubjectGroups(file: string): Promise<SubjectRules> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/u, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new KitapError('E_SUBJECT_MAPPING', `subject-group mapping is not valid JSON: ${(e as Error).message}`, { file });
  }
  return parseSubjectGroups(json, file);
}
