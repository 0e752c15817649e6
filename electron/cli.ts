/** The `ferry` command: the same core as the app, without Electron or a window. */
console.error('The ferry command line is not available in this build yet.');
process.exit(2);
