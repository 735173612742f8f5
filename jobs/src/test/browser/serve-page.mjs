// Drives the musicrec discovery page in headless Chromium the way a person would: upload a song,
// check the artist's tracks come first, like two of them, ask for recommendations, narrow them to a
// genre, play one, and take a screenshot. Run by ServeBrowserTest with one JSON argument:
// {url, chromium, upload, trackId, artist, genre, screenshot}. Exits non-zero with a reason.
import { chromium } from 'playwright-core';

const cfg = JSON.parse(process.argv[2]);
const STEP_MS = 20000;

const step = (name) => console.log(`step: ${name}`);
function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

const rows = (page) => page.$$eval('#results .row', (list) => list.map((r) => ({
  id: r.dataset.id, artist: r.dataset.artist, genre: r.dataset.genre,
  liked: r.querySelector('.like').getAttribute('aria-pressed') === 'true',
})));

/** Waits until the results list shows a finished view: title starts with `title`, subtitle has `note`. */
async function settled(page, title, note = '') {
  await page.waitForFunction(([t, n]) => {
    const list = document.getElementById('results');
    return !list.classList.contains('busy')
      && document.getElementById('title').textContent.startsWith(t)
      && document.getElementById('subtitle').textContent.includes(n);
  }, [title, note], { timeout: STEP_MS });
}

const browser = await chromium.launch({
  executablePath: cfg.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });

  step('open the page');
  await page.goto(cfg.url);
  await page.waitForSelector('#genres .chip', { timeout: STEP_MS });
  await settled(page, 'Catalogue');

  step('upload a song');
  await page.setInputFiles('#file', cfg.upload);
  await settled(page, 'Sounds like');
  let shown = await rows(page);
  console.log(`upload results: ${shown.slice(0, 5).map((r) => `${r.id} (${r.artist})`).join(', ')}`);
  check(shown.length > 3, `results listed (${shown.length})`);
  check(shown[0].id === cfg.trackId, `the uploaded track itself comes first, got ${shown[0].id}`);
  const sameArtist = shown.slice(0, 3).filter((r) => r.artist === cfg.artist);
  check(sameArtist.length >= 2, `two of the top three are by ${cfg.artist}: ${JSON.stringify(shown.slice(0, 3))}`);

  step('like two results');
  const liked = sameArtist.slice(0, 2).map((r) => r.id);
  for (const id of liked) await page.click(`#results .row[data-id="${id}"] .like`);
  check((await page.$$eval('#liked li', (l) => l.length)) === 2, 'two tracks in the Liked list');
  shown = await rows(page);
  check(liked.every((id) => shown.find((r) => r.id === id).liked), 'liked rows are marked');

  step('recommend from the likes');
  await page.click('#recommend');
  await settled(page, 'Recommended for you');
  shown = await rows(page);
  check(shown.length > 0, 'recommendations listed');
  check(shown.every((r) => !liked.includes(r.id)), 'liked tracks are not recommended back');
  const reasons = await page.$$eval('#results .row', (list) => list.map((r) => r.querySelector('.reason')?.textContent || ''));
  check(reasons.every((t) => t.startsWith('closest to liked')), `every recommendation says which like it is closest to: ${JSON.stringify(reasons)}`);

  step(`filter to genre ${cfg.genre}`);
  await page.click(`#genres .chip[data-value="${cfg.genre}"]`);
  check(await page.getAttribute(`#genres .chip[data-value="${cfg.genre}"]`, 'aria-pressed') === 'true', 'chip is on');
  await settled(page, 'Recommended for you', `only ${cfg.genre}`);
  shown = await rows(page);
  check(shown.length > 0, 'filtered recommendations listed');
  check(shown.every((r) => r.genre === cfg.genre), `every result is ${cfg.genre}: ${JSON.stringify(shown)}`);

  step('play the first result');
  await page.click('#results .row:first-child .play');
  await page.waitForFunction(() => {
    const audio = document.getElementById('audio');
    return !audio.paused && audio.currentTime > 0.3;
  }, null, { timeout: STEP_MS });
  const playing = await page.$eval('#audio', (a) => ({ src: a.src, time: a.currentTime, paused: a.paused }));
  console.log(`playing ${playing.src} at ${playing.time.toFixed(2)} s`);
  check(playing.src.endsWith(`/api/audio/${shown[0].id}`), 'the clicked track is playing');

  await page.screenshot({ path: cfg.screenshot });
  check(problems.length === 0, `no errors on the page: ${problems.join('; ')}`);
  console.log('ok');
} finally {
  await browser.close();
}
