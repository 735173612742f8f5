// musicrec discovery page: plain DOM, no framework. Every call goes through the JSON API that
// docs/serve-api.md describes; text from the index is only ever set as textContent.
'use strict';

const K = 20;
const $ = (id) => document.getElementById(id);

const state = {
  liked: new Map(), // id -> track
  disliked: new Map(),
  genres: new Set(),
  subgenres: new Set(),
  facets: { genres: [], subgenres: [] },
  view: { kind: 'catalogue' },
  maxUploadBytes: Infinity, // from /api/health
  playing: null,
  seq: 0,
};

// ---- API ----

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  return body;
}

function filterParams() {
  const params = new URLSearchParams();
  state.genres.forEach((g) => params.append('genre', g));
  state.subgenres.forEach((s) => params.append('subgenres', s));
  return params;
}

function filterJson() {
  const filter = {};
  if (state.genres.size) filter.genre = [...state.genres];
  if (state.subgenres.size) filter.subgenres = [...state.subgenres];
  return filter;
}

function withParams(path, extra) {
  const params = filterParams();
  Object.entries(extra).forEach(([k, v]) => params.set(k, v));
  return `${path}?${params}`;
}

/** The variety controls, as the API's diversity and max_per_artist. */
function diversity() {
  return {
    diversity: Number($('diversity').value),
    max_per_artist: Number($('max-per-artist').value),
    collapse_duplicates: $('collapse').checked, // groups marked by 'musicrec dedup'; on by default
  };
}

const trackPath = (id) => `/api/tracks/${encodeURIComponent(id)}`;

// ---- views: what the results list shows, re-run whenever filters change ----

async function load(view) {
  switch (view.kind) {
    case 'catalogue': {
      const body = await api(withParams('/api/tracks', { limit: 100 }));
      return { title: 'Catalogue', subtitle: `${body.tracks.length} tracks shown`, rows: body.tracks.map((track) => ({ track })) };
    }
    case 'find': {
      const body = await api(withParams('/api/tracks', { q: view.q, limit: 100 }));
      return { title: `Tracks matching “${view.q}”`, subtitle: `${body.tracks.length} found`, rows: body.tracks.map((track) => ({ track })) };
    }
    case 'upload': {
      const body = await api(withParams('/api/search', { k: K, name: view.file.name, ...diversity() }), {
        method: 'POST',
        headers: { 'Content-Type': view.file.type || 'application/octet-stream' },
        body: view.file,
      });
      return { title: `Sounds like “${view.file.name}”`, subtitle: 'nearest tracks to your upload', rows: body.results };
    }
    case 'similar': {
      const body = await api(withParams(`${trackPath(view.id)}/similar`, { k: K, ...diversity() }));
      return { title: `Like “${body.track.name || body.track.id}”`, subtitle: 'nearest neighbours', rows: body.results, detail: body.track };
    }
    case 'recommend': {
      const strategy = $('strategy').value;
      const body = await api('/api/recommend', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ like: [...state.liked.keys()], dislike: [...state.disliked.keys()], strategy, filter: filterJson(), k: K, ...diversity() }),
      });
      const from = [plural(state.liked.size, 'like'), plural(state.disliked.size, 'dislike')].filter(Boolean).join(', ');
      return { title: 'Recommended for you', subtitle: `from ${from} · ${strategy.replace('_', ' ')}`, rows: body.results };
    }
    default:
      throw new Error(`unknown view ${view.kind}`);
  }
}

async function show(view) {
  state.view = view;
  const seq = ++state.seq;
  const list = $('results');
  list.classList.add('busy');
  setMessage(view.kind === 'upload' ? `Listening to “${view.file.name}”…` : 'Loading…');
  try {
    const page = await load(view);
    if (seq !== state.seq) return; // a newer request won
    $('title').textContent = page.title;
    $('subtitle').textContent = page.subtitle + describeFilter();
    renderDetail(page.detail);
    renderRows(page.rows);
    setMessage(page.rows.length ? '' : 'Nothing matches; try removing a filter.');
  } catch (error) {
    if (seq !== state.seq) return;
    setMessage(error.message, true);
  } finally {
    if (seq === state.seq) list.classList.remove('busy');
  }
}

function describeFilter() {
  const parts = [...state.genres, ...[...state.subgenres].map(subgenreLabel)];
  return parts.length ? ` · only ${parts.join(', ')}` : '';
}

// ---- rendering ----

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(props).forEach(([k, v]) => {
    if (k === 'class') node.className = v;
    else if (k === 'data') Object.entries(v).forEach(([dk, dv]) => { node.dataset[dk] = dv ?? ''; });
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  });
  children.flat(Infinity).forEach((c) => c != null && node.append(c));
  return node;
}

function playIcon(paused) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', paused ? 'M4 2.5v11l9.5-5.5z' : 'M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z');
  svg.append(path);
  return svg;
}

function renderRows(rows) {
  const scores = rows.map((r) => r.score).filter((s) => typeof s === 'number');
  const top = Math.max(...scores.map(Math.abs), 1e-6);
  $('results').replaceChildren(...rows.map((r) => renderRow(r.track, r.score, top, r.reason)));
}

function renderRow(track, score, top, reason) {
  const isPlaying = state.playing === track.id && !$('audio').paused;
  const row = el('li', { class: 'row', data: { id: track.id, artist: track.artist, genre: track.genre } },
    el('button', { class: 'play', type: 'button', 'aria-label': `Play ${track.name || track.id}`, onclick: () => play(track) }, playIcon(!isPlaying)),
    el('div', { class: 'meta' },
      el('button', { class: 'name', type: 'button', title: 'Open: see its nearest neighbours', onclick: () => show({ kind: 'similar', id: track.id }) },
        track.name || track.id),
      el('div', { class: 'sub' },
        el('span', { class: 'artist' }, track.artist || 'unknown artist'),
        ' · ',
        el('span', { class: 'genre' }, track.genre || 'no genre'),
        track.subgenres.map((s) => el('span', { class: 'tag' }, subgenreLabel(s)))),
      whyLine(track),
      reason ? el('div', { class: 'reason', title: 'why this result' }, reason.text) : []),
    el('div', { class: 'score', title: 'score' },
      typeof score === 'number' ? [scoreBar(score / top), el('span', {}, score.toFixed(3))] : []),
    el('div', { class: 'actions' },
      el('button', { class: 'button like', type: 'button', 'aria-pressed': String(state.liked.has(track.id)), onclick: () => mark(track, 'liked') }, 'Like'),
      el('button', { class: 'button dislike', type: 'button', 'aria-pressed': String(state.disliked.has(track.id)), onclick: () => mark(track, 'disliked') }, 'Dislike'),
      el('button', { class: 'button similar', type: 'button', onclick: () => show({ kind: 'similar', id: track.id }) }, 'Similar')));
  row.classList.toggle('liked', state.liked.has(track.id));
  row.classList.toggle('disliked', state.disliked.has(track.id));
  row.classList.toggle('playing', state.playing === track.id);
  return row;
}

/** A tagging model's top tags for the track: why it sounds like what it is next to. */
function whyLine(track) {
  if (!track.tags || !track.tags.length) return [];
  return el('div', { class: 'why', title: 'the model hears these in the track' },
    'sounds like: ', track.tags.slice(0, 3).join(', '));
}

function scoreBar(fraction) {
  const fill = el('i');
  fill.style.setProperty('--fill', `${Math.round(Math.max(0, Math.min(1, fraction)) * 100)}%`);
  return el('div', { class: 'bar' }, fill);
}

function renderDetail(track) {
  const old = document.querySelector('.detail');
  if (old) old.remove();
  if (!track) return;
  const fields = [['Artist', track.artist], ['Album', track.album], ['Genre', track.genre],
    ['Subgenres', track.subgenres.map(subgenreLabel).join(', ')],
    ['Sounds like', (track.tags || []).join(', ')],
    ['Length', track.duration != null ? `${track.duration.toFixed(1)} s` : null], ['Id', track.id]];
  const detail = el('div', { class: 'detail' },
    el('button', { class: 'play', type: 'button', 'aria-label': `Play ${track.name || track.id}`, onclick: () => play(track) }, playIcon(true)),
    el('dl', {}, fields.filter(([, v]) => v).map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
  $('message').before(detail);
}

function subgenreLabel(value) {
  const i = value.indexOf('---');
  return i >= 0 ? value.slice(i + 3) : value;
}

function plural(n, word) {
  return n ? `${n} ${word}${n === 1 ? '' : 's'}` : '';
}

function setMessage(text, error = false) {
  const box = $('message');
  box.hidden = !text;
  box.textContent = text;
  box.classList.toggle('error', error);
}

// ---- likes and dislikes ----

function mark(track, kind) {
  const mine = kind === 'liked' ? state.liked : state.disliked;
  const other = kind === 'liked' ? state.disliked : state.liked;
  if (mine.has(track.id)) mine.delete(track.id);
  else {
    mine.set(track.id, track);
    other.delete(track.id);
  }
  renderTaste();
  if (state.view.kind === 'recommend' && canRecommend()) show(state.view);
  else refreshRowStates();
}

function refreshRowStates() {
  document.querySelectorAll('#results .row').forEach((row) => {
    const id = row.dataset.id;
    row.classList.toggle('liked', state.liked.has(id));
    row.classList.toggle('disliked', state.disliked.has(id));
    row.querySelector('.like').setAttribute('aria-pressed', String(state.liked.has(id)));
    row.querySelector('.dislike').setAttribute('aria-pressed', String(state.disliked.has(id)));
  });
}

function canRecommend() {
  return state.liked.size > 0 || ($('strategy').value !== 'average_vector' && state.disliked.size > 0);
}

function renderTaste() {
  for (const kind of ['liked', 'disliked']) {
    const picks = state[kind];
    $(`${kind}-count`).textContent = picks.size;
    $(kind).replaceChildren(...[...picks.values()].map((t) => el('li', { data: { id: t.id } },
      el('span', { title: `${t.name} · ${t.artist}` }, `${t.name || t.id} · ${t.artist || ''}`),
      el('button', { type: 'button', 'aria-label': `Remove ${t.name || t.id}`, onclick: () => mark(t, kind) }, '×'))));
  }
  $('recommend').disabled = !canRecommend();
  $('recommend').textContent = state.liked.size ? `Recommend from ${plural(state.liked.size, 'like')}` : 'Recommend';
}

// ---- filters ----

async function loadFacets() {
  try {
    state.facets = await api('/api/facets');
  } catch (error) {
    setMessage(`Filters unavailable: ${error.message}`, true);
  }
  renderChips();
}

function renderChips() {
  $('genres').replaceChildren(...state.facets.genres.map((f) => chip(f, state.genres, f.value)));
  // Subgenres are named "<genre>---<style>": with genres chosen, offer only theirs.
  const offered = state.facets.subgenres.filter((f) =>
    state.subgenres.has(f.value) || !state.genres.size || state.genres.has(f.value.split('---')[0]));
  $('subgenres').replaceChildren(...offered.slice(0, 40).map((f) => chip(f, state.subgenres, subgenreLabel(f.value))));
}

function chip(facet, selected, label) {
  return el('button', {
    class: 'chip', type: 'button', 'aria-pressed': String(selected.has(facet.value)), data: { value: facet.value },
    onclick: () => {
      if (selected.has(facet.value)) selected.delete(facet.value);
      else selected.add(facet.value);
      renderChips();
      show(state.view);
    },
  }, label, el('small', {}, String(facet.count)));
}

// ---- playback ----

function play(track) {
  const rerun = () => {
    if (state.view.kind === 'recommend' && !canRecommend()) return;
    if (['similar', 'recommend', 'upload'].includes(state.view.kind)) show(state.view);
  };
  $('diversity').addEventListener('input', () => { $('diversity-value').textContent = Number($('diversity').value).toFixed(1); });
  $('diversity').addEventListener('change', rerun);
  $('max-per-artist').addEventListener('change', rerun);
  $('collapse').addEventListener('change', rerun);
  const audio = $('audio');
  if (state.playing === track.id) {
    if (audio.paused) audio.play().catch(playError);
    else audio.pause();
    return;
  }
  state.playing = track.id;
  audio.src = track.audio;
  $('now').textContent = `${track.name || track.id} · ${track.artist || ''}`;
  audio.play().catch(playError);
  markPlaying();
}

function playError(error) {
  if (error.name !== 'AbortError') setMessage(`Cannot play: ${error.message}`, true);
}

function markPlaying() {
  const rerun = () => {
    if (state.view.kind === 'recommend' && !canRecommend()) return;
    if (['similar', 'recommend', 'upload'].includes(state.view.kind)) show(state.view);
  };
  $('diversity').addEventListener('input', () => { $('diversity-value').textContent = Number($('diversity').value).toFixed(1); });
  $('diversity').addEventListener('change', rerun);
  $('max-per-artist').addEventListener('change', rerun);
  $('collapse').addEventListener('change', rerun);
  const audio = $('audio');
  document.querySelectorAll('.row').forEach((row) => {
    const current = row.dataset.id === state.playing;
    row.classList.toggle('playing', current);
    row.querySelector('.play').replaceChildren(playIcon(!(current && !audio.paused)));
  });
}

// ---- uploads ----

function upload(file) {
  if (!file) return;
  if (file.size > state.maxUploadBytes) {
    const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
    setMessage(`“${file.name}” is ${mb(file.size)}; uploads are limited to ${mb(state.maxUploadBytes)}.`, true);
    return;
  }
  show({ kind: 'upload', file });
}

function setUpDrop() {
  const drop = $('drop');
  let depth = 0;
  window.addEventListener('dragenter', (e) => { if (e.dataTransfer.types.includes('Files')) { depth++; drop.hidden = false; } });
  window.addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; drop.hidden = true; } });
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    drop.hidden = true;
    upload(e.dataTransfer.files[0]);
  });
}

// ---- wiring ----

function init() {
  $('file').addEventListener('change', (e) => { upload(e.target.files[0]); e.target.value = ''; });
  let typing;
  $('q').addEventListener('input', (e) => {
    clearTimeout(typing);
    const q = e.target.value.trim();
    typing = setTimeout(() => show(q ? { kind: 'find', q } : { kind: 'catalogue' }), 250);
  });
  $('find').addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(typing);
    const q = $('q').value.trim();
    show(q ? { kind: 'find', q } : { kind: 'catalogue' });
  });
  $('recommend').addEventListener('click', () => show({ kind: 'recommend' }));
  $('strategy').addEventListener('change', () => {
    renderTaste();
    if (state.view.kind === 'recommend' && canRecommend()) show(state.view);
  });
  const rerun = () => {
    if (state.view.kind === 'recommend' && !canRecommend()) return;
    if (['similar', 'recommend', 'upload'].includes(state.view.kind)) show(state.view);
  };
  $('diversity').addEventListener('input', () => { $('diversity-value').textContent = Number($('diversity').value).toFixed(1); });
  $('diversity').addEventListener('change', rerun);
  $('max-per-artist').addEventListener('change', rerun);
  $('collapse').addEventListener('change', rerun);
  const audio = $('audio');
  ['play', 'pause', 'ended'].forEach((event) => audio.addEventListener(event, markPlaying));
  audio.addEventListener('error', () => setMessage('The audio could not be played.', true));
  setUpDrop();
  renderTaste();
  loadFacets();
  api('/api/health').then((h) => { state.maxUploadBytes = h.max_upload_bytes; }).catch(() => {});
  show({ kind: 'catalogue' });
}

init();
