/** The MARC21 slim namespace: MARCXML records are in it. */
export const MARC21_SLIM = 'http://www.loc.gov/MARC21/slim';

/** Whether a namespace URI is MARC21 slim or MarcXchange (the namespaces the MARCXML reader takes records from). */
export function isMarcNamespaceUri(uri: string): boolean {
  return uri === MARC21_SLIM || uri === 'info:lc/xmlns/marcxchange-v1' || uri === 'info:lc/xmlns/marcxchange-v2';
}
