export { main } from './main.js';
export { buildProgram, VERSION } from './program.js';
export { runConvert, type ConvertOptions, type ConvertReport } from './commands/convert.js';
export { runDump } from './commands/dump.js';
export { runInfo, formatInfo, type InfoReport } from './commands/info.js';
export type { Io } from './io.js';
