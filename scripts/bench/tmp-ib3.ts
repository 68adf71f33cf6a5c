import { readIso2709All } from '../../packages/marc/src/index.js';
import { Linter, resolveRules } from '../../packages/clean/src/index.js';
const items = await readIso2709All(process.argv[2]!);
const records = items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
for (const r of records) void r.fields;
const { rules } = resolveRules({ profile: 'kazakh-public-library' });
const n = records.length;
const linter = new Linter(rules.filter((a) => a.rule.meta.id === 'probable-misprint'));
for (let round = 0; round < 5; round++) {
    let t = performance.now();
    const data = records.map((r) => linter.crossRecordData(r, 'marc21', false)!);
    console.log('prepare', ((performance.now() - t) * 1000 / n).toFixed(2));
}
