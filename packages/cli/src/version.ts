/** kitap's version, as `kitap --version` prints it. */
export const VERSION = '0.1.0';
