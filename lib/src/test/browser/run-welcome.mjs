// Opens 00_welcome.ipynb in a running JupyterLab with headless Chromium, runs all cells through
// the Run menu, and checks what a learner would see: a plot image, an HTML table, no error.
// Usage: node run-welcome.mjs --url http://127.0.0.1:PORT --token T --chromium PATH --out DIR
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) throw new Error(`missing --${name}`);
  return process.argv[i + 1];
};
const url = arg("url"), token = arg("token"), out = arg("out");
mkdirSync(out, { recursive: true });

const fail = async (page, why) => {
  console.error(`browser test FAILED: ${why}`);
  if (page) await page.screenshot({ path: `${out}/failure.png` }).catch(() => {});
  process.exit(1);
};

const browser = await chromium.launch({ executablePath: arg("chromium"), args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.setDefaultTimeout(60_000);
try {
  await page.goto(`${url}/lab/tree/00_welcome.ipynb?token=${token}&reset`);
  // The kernel picked from the notebook's metadata must be ours.
  await page.locator(".jp-Notebook").first().waitFor();
  const started = Date.now();
  let kernelName = "";
  while (!kernelName.includes("tinyreason")) {
    if (Date.now() - started > 90_000) await fail(page, `kernel is '${kernelName}', not tinyreason's`);
    await page.waitForTimeout(500);
    kernelName = await page.locator(".jp-Toolbar-kernelName").first().innerText().catch(() => "");
  }
  const idle = async () => (await page.locator(".jp-StatusBar-Widget").allInnerTexts())
    .some((t) => /tinyreason\)\s*\|\s*Idle/.test(t));

  await page.getByRole("menuitem", { name: "Run", exact: true }).click();
  await page.getByRole("menuitem", { name: /^Run All Cells/ }).click();

  // Done when every code cell shows an execution number and the kernel is idle again.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const prompts = await page.locator(".jp-CodeCell .jp-InputPrompt").allInnerTexts();
    const done = prompts.length > 0 && prompts.every((p) => /\[\d+\]/.test(p));
    if (done) break;
    if (Date.now() > deadline) await fail(page, `cells still running: ${prompts.join(" ")}`);
    await page.waitForTimeout(500);
  }

  const status = (await page.locator(".jp-StatusBar-Widget").allInnerTexts()).join(" ");
  console.log(`status bar after the run: ${status.replace(/\s+/g, " ")}`);
  const errors = await page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").allInnerTexts();
  if (errors.length) await fail(page, `a cell shows an error: ${errors[0].slice(0, 500)}`);

  const plot = page.locator(".jp-RenderedImage img").first();
  await plot.waitFor();
  const size = await plot.evaluate((img) => [img.naturalWidth, img.naturalHeight]);
  if (size[0] < 100 || size[1] < 100) await fail(page, `plot image is ${size}`);
  await plot.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/welcome-plot.png` });

  const tables = page.locator(".jp-RenderedHTMLCommon table");
  if ((await tables.count()) < 2) await fail(page, "expected the environment and probability tables");
  await tables.nth(1).scrollIntoViewIfNeeded();
  const rows = await tables.nth(1).locator("tbody tr").count();
  if (rows !== 5) await fail(page, `the probability table has ${rows} rows, expected 5`);
  await page.screenshot({ path: `${out}/welcome-table.png` });

  const grade = page.getByText("ARGMAX: 0/6 tests passed");
  await grade.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/welcome-grade.png` });
  console.log(`browser test passed: plot ${size[0]}x${size[1]}, ${rows}-row table, grader shown; screenshots in ${out}`);
} catch (e) {
  await fail(page, e.message);
} finally {
  await browser.close();
}
