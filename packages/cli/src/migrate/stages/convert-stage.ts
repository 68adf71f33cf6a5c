import { KitapError, isKitapError } from '@kitap/core';
import { runConvert } from '../../commands/convert.js';
import type { StageSpec } from '../stage.js';
import { countRecordTerminators } from '../record-count.js';

/** The legacy catalog, validated and decoded to UTF-8 ISO2709; what cannot be read goes to the rejects with its place. */
export const convertStage: StageSpec = {
  stage: 'convert',
  unit: 'records',
  inputs: (ctx) => [ctx.options.catalog],
  settings: (ctx) => ({ encoding: ctx.options.encoding ?? 'auto', mode: 'lenient' }),
  outputs: (ctx) => [ctx.paths.convert.catalog, ctx.paths.convert.report],
  total: (ctx) => countRecordTerminators(ctx.options.catalog),
  async run(ctx) {
    const p = ctx.paths.convert;
    let report: Awaited<ReturnType<typeof runConvert>>;
    try {
      report = await runConvert(
        { input: ctx.options.catalog, output: p.catalog, to: 'iso2709', from: 'auto', encoding: ctx.options.encoding ?? 'auto', mode: 'lenient', rejects: p.rejects, warnings: p.warnings, report: p.report, keepEsc: true },
        ctx.io,
      );
    } catch (error) {
      // kitap convert's advice names its --from (the format); migrate's --from names a stage.
      if (isKitapError(error) && error.code === 'E_INPUT' && error.message.includes('give --from')) {
        throw new KitapError('E_INPUT', 'the catalog (--catalog) is not a MARC file kitap recognises (ISO2709, MARCXML, MARC-in-JSON or mnemonic text): check it is the catalog export', error.place);
      }
      throw error;
    }
    const c = report.counts;
    return {
      line: `read ${c.read} records, wrote ${c.written} in UTF-8, rejected ${c.rejected}${c.repaired ? `, repaired ${c.repaired}` : ''}`,
      ledger: [{ stage: 'convert', unit: 'records', in: c.read, out: c.written, rejected: c.rejected, filtered: 0 }],
      counts: c,
      rejectsByCode: report.rejectsByCode,
      encodings: report.encodings,
    };
  },
};
