// `peak` CLI entry (built as a second main input). Parsing and commands live in src/cli/main.ts.
console.log('peak: CLI under construction');
