// Injected into the CommonJS bundles by scripts/build.mjs.
export const __runlensImportMetaUrl = require('url').pathToFileURL(__filename).href;
