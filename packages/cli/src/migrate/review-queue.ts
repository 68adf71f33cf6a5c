import { recordTitle } from '@kitap/clean';
import type { Cluster } from '@kitap/dedup';
import { type CopyLayout, copyFields } from '@kitap/holdings';
import { detectFlavour, mrkEncoder, readRecords } from '@kitap/marc';
import { type ReviewCluster, type ReviewMember, reviewKey } from '@kitap/store';

/** The doubtful clusters of a dedup run, each member with its mnemonic text, title and copies, read from the catalog dedup read. */
export async function reviewQueue(catalog: string, clusters: readonly Cluster[], layouts: readonly CopyLayout[]): Promise<ReviewCluster[]> {
  const review = clusters.filter((c) => c.decision === 'review' && c.members.every((m) => m.source === undefined));
  const wanted = new Map<number, ReviewMember | null>();
  for (const c of review) for (const m of c.members) wanted.set(m.index, null);
  if (wanted.size) {
    const encoder = mrkEncoder();
    let index = -1;
    for await (const item of readRecords(catalog, { format: 'iso2709', file: catalog, encoding: 'utf-8', mode: 'strict' })) {
      index++;
      if (item.kind !== 'record' || !wanted.has(index)) continue;
      const r = item.record;
      const flavour = detectFlavour(r) === 'unimarc' ? 'unimarc' : 'marc21';
      wanted.set(index, {
        index,
        id: r.controlValue('001')?.trim() || null,
        title: recordTitle(r, flavour) ?? '',
        mnemonic: String(encoder.encode(r, index)),
        copies: copyFields(r, layouts).length,
      });
    }
  }
  return review.map((c) => ({
    key: reviewKey(c.members),
    cluster: c.id,
    score: c.score,
    members: c.members.map((m) => wanted.get(m.index) ?? { index: m.index, id: m.id, title: '', mnemonic: '', copies: 0 }),
    why: c.why,
  }));
}
