import { KitapError } from '@kitap/core';
import { createSruOaiHandler } from '@kitap/harvest';
import type { SideHandler } from './stand-in-handler.js';

/** How the SRU/OAI-PMH endpoints serve the MARC file (passed to `createSruOaiHandler` of @kitap/harvest). */
export interface SruOaiOptions {
  /** Records per OAI-PMH list page, and the most an SRU page holds. */
  pageSize?: number;
  /** Refuse one resumption token in the middle of a ListRecords harvest, once. */
  faults?: { badResumptionTokenOnce?: boolean };
}

/**
 * The SRU (`/sru`) and OAI-PMH (`/oai`) endpoints over a MARC file, made by
 * `createSruOaiHandler` of @kitap/harvest, to mount beside the stand-in's
 * routes. Waits until the file is loaded, so a file that cannot be read stops
 * the start.
 */
export async function sruOaiSideHandler(marcFile: string, options: SruOaiOptions = {}): Promise<SideHandler> {
  const handler = createSruOaiHandler(marcFile, options);
  try {
    await handler.ready;
  } catch (error) {
    throw new KitapError('E_INPUT', `cannot serve the MARC file over SRU/OAI-PMH: ${error instanceof Error ? error.message : String(error)}`, { file: marcFile });
  }
  return handler;
}
