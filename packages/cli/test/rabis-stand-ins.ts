/**
 * What the `kitap rabis push` tests share: the Web-RABIS stand-in (started
 * per test, closed after it, with the sign-in the CLI reads from the
 * environment), a look at the copies it holds, and ISO2709 records with
 * copies in 852/876 as the push maps them.
 */
import { Leader, MarcRecord, controlField, dataField, subfields, writeIso2709 } from '@kitap/marc';
import { type StandIn, startStandIn } from '@kitap/rabis';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Registers the hooks of a test file that starts stand-ins; gives the function that starts one (closed after its test). */
export function useStandIns(): (faults?: string) => Promise<StandIn> {
  const servers: StandIn[] = [];
  beforeAll(() => {
    process.env.KITAP_RABIS_USERNAME = 'kitap';
    process.env.KITAP_RABIS_PASSWORD = 'kitap';
  });
  afterAll(() => {
    delete process.env.KITAP_RABIS_USERNAME;
    delete process.env.KITAP_RABIS_PASSWORD;
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });
  return async (faults?: string) => {
    const server = await startStandIn(faults === undefined ? {} : { faults });
    servers.push(server);
    return server;
  };
}

/** Does Web-RABIS (the stand-in) hold a copy with this inventory number? */
export async function holdsCopy(server: StandIn, invNumber: string): Promise<boolean> {
  const signIn = await fetch(`${server.url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kitap', password: 'kitap' }) });
  const { token } = (await signIn.json()) as { token: string };
  const found = await fetch(`${server.url}/api/v1/inv?invNumber=${encodeURIComponent(invNumber)}`, { headers: { authorization: `Bearer ${token}` } });
  return ((await found.json()) as { count: number }).count > 0;
}

/** One copy: the library (852 $b) and the inventory number (876 $a). */
export interface Copy {
  library: string;
  inv: string;
}

/** An ISO2709 record with its control number, title and copies in 852/876 (linked by $8). */
export function recordWithCopies(controlNumber: string, title: string, copies: readonly Copy[]): Uint8Array {
  return writeIso2709(
    new MarcRecord(Leader.DEFAULT, [
      controlField('001', controlNumber),
      dataField('245', '1', '0', subfields('a', `${title} /`)),
      ...copies.flatMap((copy, k) => [
        dataField('852', ' ', ' ', subfields('8', `${k + 1}.1`, 'b', copy.library)),
        dataField('876', ' ', ' ', subfields('8', `${k + 1}.1`, 'a', copy.inv, 'j', 'available')),
      ]),
    ]),
  );
}
