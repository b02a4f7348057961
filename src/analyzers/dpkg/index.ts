export { dpkgAnalyzer } from './analyzer.js';
export { parseDpkgStatus, type DpkgParse } from './status.js';
export { parseStanzas, type Stanza } from './deb822.js';
export { ownerOfListFile, parseListFile } from './list-file.js';
