export { CODES, describeCode, isCode, type Code } from './codes.js';
export { formatPlace, type Place } from './place.js';
export { warningToFinding, type Finding, type Severity, type Warning } from './finding.js';
export { rejectToJson, type Reject } from './reject.js';
export { KitapError, isKitapError } from './kitap-error.js';
export { Ledger, type LedgerJson, type StageCounts } from './ledger.js';
export { AtomicFile, BufferedSink, StdoutSink, isFolder, isSpecialFile, openSink, type ByteSink } from './atomic-file.js';
export { removeStaleTempFiles } from './stale-temp-files.js';
export { stableZipTimes } from './stable-zip.js';
