// nnlab serve: the page. Plain JavaScript, no library, no build step.
//
// Every number shown here comes from the server, where nnlab's own layers compute it (see
// org.nnlab.serve.PageApi); this script only asks for them and draws them.
'use strict';

const SIDE = 28;

const state = {
  model: null,          // GET /api/model
  view: 'draw',
  source: 'draw',       // which image the backprop view works on: 'draw' or 'test'
  testIndex: 0,
  onlyMistakes: false,
  mistakes: [],         // indices of the test images the model gets wrong
  forward: null,        // the last answer of /api/predict
  label: null,          // the true label chosen for backprop
  unit: null,           // the hidden unit shown in the unit panel
  pinnedUnit: false,
  units: new Map(),     // unit number → GET /api/unit/J, cached
  drawingHasInk: false,
};

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- requests

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error || response.statusText);
  return answer;
}

async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error || response.statusText);
  return answer;
}

/** The image the current view is about, as the API takes it: the drawing, or a test image. */
function currentImage() {
  return state.source === 'test' ? { test: state.testIndex } : { image: drawingPixels() };
}

// ---------------------------------------------------------------- drawing pictures of numbers

/** Grey levels 0..255 (white ink on black, as MNIST) into a 28×28 canvas. */
function drawDigit(canvas, levels) {
  const context = canvas.getContext('2d');
  const image = context.createImageData(SIDE, SIDE);
  for (let i = 0; i < SIDE * SIDE; i++) {
    const v = levels[i];
    image.data.set([v, v, v, 255], 4 * i);
  }
  context.putImageData(image, 0, 0);
}

/** A signed value as a colour: white at 0, red for positive, blue for negative, full at ±scale. */
function signedColour(value, scale) {
  const t = scale > 0 ? Math.max(-1, Math.min(1, value / scale)) : 0;
  const fade = Math.round(255 * (1 - Math.abs(t)));
  return t >= 0 ? [255, fade, fade] : [fade, fade, 255];
}

function maxAbs(values) {
  return values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

/** 784 signed values (e.g. a column of W1) as a 28×28 image, on a scale symmetric around 0. */
function drawSigned(canvas, values, scale = maxAbs(values)) {
  const context = canvas.getContext('2d');
  const image = context.createImageData(SIDE, SIDE);
  for (let i = 0; i < SIDE * SIDE; i++) {
    image.data.set([...signedColour(values[i], scale), 255], 4 * i);
  }
  context.putImageData(image, 0, 0);
  canvas.title = `scale: ±${scale.toPrecision(3)}`;
}

/** Layout of H units as a grid of square cells: columns, rows and cell size for a canvas about `width` wide. */
function gridLayout(units, width) {
  const columns = Math.ceil(Math.sqrt(units * 2));
  const rows = Math.ceil(units / columns);
  const cell = Math.max(4, Math.floor(width / columns));
  return { columns, rows, cell };
}

/** One value per unit as a grid of squares; `colour(v)` gives each square's [r, g, b]. */
function drawGrid(canvas, values, colour, width, marked) {
  const { columns, rows, cell } = gridLayout(values.length, width);
  canvas.width = columns * cell;
  canvas.height = rows * cell;
  const context = canvas.getContext('2d');
  context.fillStyle = '#f3f4f7';
  context.fillRect(0, 0, canvas.width, canvas.height);
  values.forEach((v, j) => {
    const [r, g, b] = colour(v);
    context.fillStyle = `rgb(${r},${g},${b})`;
    context.fillRect((j % columns) * cell, Math.floor(j / columns) * cell, cell - 1, cell - 1);
  });
  if (marked != null) {
    context.strokeStyle = '#c2410c';
    context.lineWidth = 2;
    context.strokeRect((marked % columns) * cell - 1, Math.floor(marked / columns) * cell - 1, cell + 1, cell + 1);
  }
}

/** The unit under a point of a grid drawn by drawGrid, or null. */
function unitAt(canvas, units, width, event) {
  const { columns, cell } = gridLayout(units, width);
  const box = canvas.getBoundingClientRect();
  const x = (event.clientX - box.left) * (canvas.width / box.width);
  const y = (event.clientY - box.top) * (canvas.height / box.height);
  const j = Math.floor(y / cell) * columns + Math.floor(x / cell);
  return x >= 0 && y >= 0 && Math.floor(x / cell) < columns && j < units ? j : null;
}

function format(v, digits = 3) {
  if (v === null || v === undefined) return '–';
  return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : v.toFixed(digits);
}

/** One row of a bar chart: the class, an empty track for the bars, and the value's text. */
function barRow(c, top, valueText) {
  const row = document.createElement('div');
  row.className = 'bar-row' + (c === top ? ' top' : '');
  row.dataset.class = String(c);
  const label = document.createElement('span');
  label.className = 'label';
  label.textContent = String(c);
  const track = document.createElement('span');
  track.className = 'track';
  const value = document.createElement('span');
  value.className = 'value';
  value.textContent = valueText;
  row.append(label, track, value);
  return { row, track };
}

/** Rows of bars, one per class: values in [0, 1] (probabilities), or signed ones around a middle line. */
function drawBars(container, values, { signed = false, top = null, digits = 3 } = {}) {
  const scale = signed ? maxAbs(values) || 1 : 1;
  container.replaceChildren(...values.map((v, c) => {
    const { row, track } = barRow(c, top, format(v, digits));
    row.dataset.value = String(v);
    const fill = document.createElement('span');
    if (signed) {
      const half = 50 * Math.min(1, Math.abs(v) / scale);
      fill.className = 'fill ' + (v >= 0 ? 'positive' : 'negative');
      fill.style.left = (v >= 0 ? 50 : 50 - half) + '%';
      fill.style.width = half + '%';
    } else {
      fill.className = 'fill';
      fill.style.width = 100 * Math.max(0, Math.min(1, v)) + '%';
    }
    track.append(fill);
    return row;
  }));
}

/** Outputs as bar lengths: probabilities as they are; a tanh output in [-1, 1] as (a + 1) / 2. */
function barLengths(outputs) {
  return state.model && state.model.head === 'tanh-mse' ? outputs.map((a) => (a + 1) / 2) : outputs;
}

// ---------------------------------------------------------------- the drawing

const canvas = () => $('draw-canvas');

function clearDrawing() {
  const context = canvas().getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas().width, canvas().height);
  state.drawingHasInk = false;
}

/** The drawing's grey levels (black ink on white paper), one byte per pixel, in base64. */
function drawingPixels() {
  const { width, height } = canvas();
  const rgba = canvas().getContext('2d').getImageData(0, 0, width, height).data;
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = rgba[4 * i];
  let text = '';
  for (let i = 0; i < grey.length; i += 8192) {
    text += String.fromCharCode.apply(null, grey.subarray(i, i + 8192));
  }
  return { width, height, grey: btoa(text) };
}

function setUpDrawing() {
  const c = canvas();
  const context = c.getContext('2d');
  let last = null;
  const point = (event) => {
    const box = c.getBoundingClientRect();
    return [(event.clientX - box.left) * (c.width / box.width), (event.clientY - box.top) * (c.height / box.height)];
  };
  const stroke = (from, to) => {
    context.strokeStyle = '#000';
    context.lineWidth = 20;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.beginPath();
    context.moveTo(from[0], from[1]);
    context.lineTo(to[0], to[1]);
    context.stroke();
    state.drawingHasInk = true;
  };
  // Pointer events cover the mouse, a finger and a pen alike.
  c.addEventListener('pointerdown', (event) => {
    c.setPointerCapture(event.pointerId);
    last = point(event);
    stroke(last, last);
    state.source = 'draw';
    askForPrediction();
    event.preventDefault();
  });
  c.addEventListener('pointermove', (event) => {
    if (last === null) return;
    const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
    for (const e of events.length ? events : [event]) {
      const p = point(e);
      stroke(last, p);
      last = p;
    }
    askForPrediction();
  });
  const end = () => {
    if (last !== null) askForPrediction();
    last = null;
  };
  c.addEventListener('pointerup', end);
  c.addEventListener('pointercancel', end);
  $('clear').addEventListener('click', () => {
    clearDrawing();
    showNothing();
  });
  clearDrawing();
}

// One prediction request at a time: while one is on its way, further strokes only mark the
// drawing as changed, and the next request leaves when the answer is in.
let inFlight = false;
let changedMeanwhile = false;

async function askForPrediction() {
  if (inFlight) {
    changedMeanwhile = true;
    return;
  }
  inFlight = true;
  try {
    do {
      changedMeanwhile = false;
      const answer = await postJson('/api/predict', currentImage());
      showForward(answer);
    } while (changedMeanwhile);
  } catch (error) {
    showError(error);
  } finally {
    inFlight = false;
  }
}

function showNothing() {
  state.forward = null;
  drawDigit($('seen'), new Array(SIDE * SIDE).fill(0));
  $('preparation').textContent = 'Draw a digit on the left.';
  $('warning').hidden = true;
  drawBars($('outputs'), new Array(10).fill(0));
  $('top-class').textContent = '–';
}

function showError(error) {
  $('warning').hidden = false;
  $('warning').textContent = String(error.message || error);
}

// ---------------------------------------------------------------- the forward pass

function showForward(answer) {
  state.forward = answer;
  drawDigit($('seen'), answer.input);
  $('preparation').textContent = answer.preparation;
  $('warning').hidden = !answer.warning;
  $('warning').textContent = answer.warning || '';
  drawBars($('outputs'), barLengths(answer.outputs), { top: answer.predicted });
  [...$('outputs').children].forEach((row, c) => {
    row.querySelector('.value').textContent = format(answer.outputs[c]);
  });
  $('top-class').textContent = String(answer.predicted);
  drawHidden();
  showContributions(answer.contributions);
  if (state.unit !== null) showUnit(state.unit);
  if (state.view === 'backprop') backprop();
}

function drawHidden() {
  if (!state.forward) return;
  const a1 = state.forward.a1;
  const top = Math.max(...a1, 1e-12);
  const bottom = Math.min(...a1, 0);
  drawGrid($('hidden-grid'), a1, (v) => {
    // activations from 0 (white) to the largest (dark); a tanh's negative values in blue
    if (v < 0) return signedColour(v, -bottom);
    const t = v / top;
    return [Math.round(255 - 200 * t), Math.round(255 - 215 * t), Math.round(255 - 235 * t)];
  }, 520, state.unit);
}

function setUpHiddenGrid() {
  const grid = $('hidden-grid');
  const pick = (event, pin) => {
    if (!state.forward) return;
    const j = unitAt(grid, state.forward.a1.length, 520, event);
    if (j === null || (state.pinnedUnit && !pin)) return;
    state.pinnedUnit = pin ? !(state.pinnedUnit && state.unit === j) : state.pinnedUnit;
    if (state.unit !== j) showUnit(j);
  };
  grid.addEventListener('pointermove', (event) => pick(event, false));
  grid.addEventListener('pointerdown', (event) => pick(event, true));
}

async function unitWeights(j) {
  if (!state.units.has(j)) state.units.set(j, await getJson(`/api/unit/${j}`));
  return state.units.get(j);
}

async function showUnit(j) {
  state.unit = j;
  drawHidden();
  try {
    const unit = await unitWeights(j);
    if (state.unit !== j) return;
    const a = state.forward ? state.forward.a1[j] : null;
    $('unit-title').textContent = `Hidden unit ${j}: a = ${format(a)}, b₁ = ${format(unit.b1)}`;
    drawSigned($('unit-w1'), unit.w1);
    drawBars($('unit-w2'), unit.w2, { signed: true });
    $('unit-panel').dataset.unit = String(j);
  } catch (error) {
    showError(error);
  }
}

/** The predicted class's score Z2c = Σⱼ aⱼ·W2ⱼc + b2c, and the units with the largest terms. */
async function showContributions(contributions) {
  const c = contributions.class;
  $('contributions-title').textContent = `Why ${c}: the hidden units that pushed it most (aⱼ·W₂ⱼ,${c})`;
  const shown = contributions.units.reduce((sum, u) => sum + u.contribution, 0);
  $('contributions-sum').textContent = `Its score is Z₂,${c} = Σⱼ aⱼ·W₂ⱼ,${c} + b₂,${c} = ${format(contributions.score)}; `
      + `these ${contributions.units.length} units give ${format(shown)} of it, the bias ${format(contributions.bias)}.`;
  const cards = contributions.units.map((u) => {
    const card = document.createElement('div');
    card.className = 'card';
    card.dataset.unit = String(u.unit);
    const picture = document.createElement('canvas');
    picture.width = SIDE;
    picture.height = SIDE;
    const text = document.createElement('div');
    text.textContent = `unit ${u.unit}: ${format(u.activation)} × ${format(u.weight)} = ${format(u.contribution)}`;
    card.append(picture, text);
    card.addEventListener('click', () => { state.pinnedUnit = true; showUnit(u.unit); });
    unitWeights(u.unit).then((unit) => drawSigned(picture, unit.w1)).catch(showError);
    return card;
  });
  $('contributions').replaceChildren(...cards);
}

// ---------------------------------------------------------------- the test set

async function loadTestSet() {
  const testSet = await getJson('/api/test-set');
  state.mistakes = testSet.mistakes;
  state.testCount = testSet.count;
  $('test-index').max = String(testSet.count - 1);
  state.testAccuracy = testSet.accuracy;
}

async function showTestImage(index) {
  state.testIndex = index;
  state.source = 'test';
  $('test-index').value = String(index);
  const answer = await postJson('/api/predict', { test: index });
  drawDigit($('test-image'), answer.input);
  const position = state.mistakes.indexOf(index);
  $('test-info').textContent = `label ${answer.testLabel}, predicted ${answer.predicted}`
      + (answer.testLabel === answer.predicted ? ' ✓' : ` ✗ (mistake ${position + 1} of ${state.mistakes.length})`)
      + ` · ${state.mistakes.length} mistakes in ${state.testCount} images (${(100 * state.testAccuracy).toFixed(2)}% right)`;
  showForward(answer);
}

/** The next test image in a direction: the next index, or the next mistake. */
function stepTest(direction) {
  if (!state.onlyMistakes) {
    return (state.testIndex + direction + state.testCount) % state.testCount;
  }
  if (state.mistakes.length === 0) return state.testIndex;
  const after = direction > 0
    ? state.mistakes.find((i) => i > state.testIndex)
    : [...state.mistakes].reverse().find((i) => i < state.testIndex);
  return after !== undefined ? after : state.mistakes[direction > 0 ? 0 : state.mistakes.length - 1];
}

function setUpTestBrowser() {
  $('test-prev').addEventListener('click', () => showTestImage(stepTest(-1)).catch(showError));
  $('test-next').addEventListener('click', () => showTestImage(stepTest(1)).catch(showError));
  $('test-index').addEventListener('change', () => {
    const i = Math.max(0, Math.min(state.testCount - 1, Number($('test-index').value) || 0));
    showTestImage(i).catch(showError);
  });
  $('only-mistakes').addEventListener('change', () => {
    state.onlyMistakes = $('only-mistakes').checked;
    if (state.onlyMistakes && !state.mistakes.includes(state.testIndex)) showTestImage(stepTest(1)).catch(showError);
  });
}

// ---------------------------------------------------------------- backprop

function setUpBackprop() {
  const picker = $('label-picker');
  for (let c = 0; c < 10; c++) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = String(c);
    button.dataset.label = String(c);
    button.addEventListener('click', () => { state.label = c; backprop(); });
    picker.append(button);
  }
  $('step-button').addEventListener('click', () => sgdStep().catch(showError));
}

async function backprop() {
  if (!state.forward) {
    $('source-line').textContent = 'Draw a digit or choose a test image first.';
    return;
  }
  if (state.label === null) {
    state.label = state.source === 'test' ? state.forward.testLabel : state.forward.predicted;
  }
  [...$('label-picker').children].forEach((b) => b.classList.toggle('chosen', Number(b.dataset.label) === state.label));
  $('source-line').textContent = state.source === 'test'
    ? `Test image ${state.testIndex} (label ${state.forward.testLabel}), predicted ${state.forward.predicted}.`
    : `Your drawing, predicted ${state.forward.predicted}.`;
  const answer = await postJson('/api/backprop', { ...currentImage(), label: state.label });
  showBackprop(answer);
}

function showBackprop(answer) {
  drawBars($('panel-dz2'), answer.dZ2, { signed: true, top: answer.label });
  $('panel-dz2').dataset.filled = 'true';
  $('loss').textContent = format(answer.loss, 4);

  // dW2: H×C, drawn with one row per class (labelled on the left) and one column per hidden unit
  const dW2 = answer.dW2;
  const heat = $('panel-dw2');
  const margin = 16;
  const rowHeight = 14;
  const cellWidth = Math.max(1, Math.floor(512 / dW2.rows));
  heat.width = margin + dW2.rows * cellWidth;
  heat.height = dW2.cols * rowHeight;
  const context = heat.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, heat.width, heat.height);
  context.fillStyle = '#5d6575';
  context.font = '11px sans-serif';
  const scale = maxAbs(dW2.values);
  for (let c = 0; c < dW2.cols; c++) {
    context.fillStyle = c === answer.label ? '#c2410c' : '#5d6575';
    context.fillText(String(c), 3, c * rowHeight + rowHeight - 3);
    for (let j = 0; j < dW2.rows; j++) {
      const [r, g, b] = signedColour(dW2.values[j * dW2.cols + c], scale);
      context.fillStyle = `rgb(${r},${g},${b})`;
      context.fillRect(margin + j * cellWidth, c * rowHeight, cellWidth, rowHeight - 1);
    }
  }
  heat.title = `rows: classes 0–9; columns: hidden units; scale ±${scale.toPrecision(3)}`;
  heat.dataset.filled = 'true';

  for (const [id, values] of [['panel-da1', answer.dA1], ['panel-dz1', answer.dZ1]]) {
    const scaleOf = maxAbs(values);
    drawGrid($(id), values, (v) => signedColour(v, scaleOf), 260, null);
    $(id).title = `scale ±${scaleOf.toPrecision(3)}`;
    $(id).dataset.filled = 'true';
  }

  const dW1 = answer.dW1;
  const scaleW1 = Math.max(...dW1.columns.map(maxAbs), 0);
  $('panel-dw1').replaceChildren(...dW1.units.map((j, k) => {
    const card = document.createElement('div');
    card.className = 'card';
    const picture = document.createElement('canvas');
    picture.width = SIDE;
    picture.height = SIDE;
    drawSigned(picture, dW1.columns[k], scaleW1);
    const text = document.createElement('div');
    text.textContent = `unit ${j}: dZ₁ = ${format(answer.dZ1[j])}`;
    card.append(picture, text);
    return card;
  }));
  if (dW1.units.length === 0) {
    $('panel-dw1').textContent = 'Every dZ₁ⱼ is 0: no hidden unit was active, so W₁ gets no gradient from this image.';
  }
  $('panel-dw1').dataset.filled = 'true';
}

async function sgdStep() {
  if (!state.forward) return;
  const learningRate = Number($('step-lr').value);
  const answer = await postJson('/api/step', { ...currentImage(), label: state.label, learningRate });
  const rows = answer.before.outputs.map((before, c) => {
    const after = answer.after.outputs[c];
    const { row, track } = barRow(c, answer.label, `${format(before)} → ${format(after)}`);
    const [lengthBefore, lengthAfter] = barLengths([before, after]);
    for (const [kind, length] of [['before', lengthBefore], ['after', lengthAfter]]) {
      const fill = document.createElement('span');
      fill.className = 'fill ' + kind;
      fill.style.width = 100 * Math.max(0, Math.min(1, length)) + '%';
      track.append(fill);
    }
    return row;
  });
  $('step-result').replaceChildren(...rows);
  $('step-result').dataset.filled = 'true';
  $('step-loss').textContent = `With η = ${answer.learningRate}: loss ${format(answer.before.loss, 4)} → ${format(answer.after.loss, 4)}`
      + ` for label ${answer.label} (grey: before, orange: after).`;
}

// ---------------------------------------------------------------- training, live

let trainingTimer = null;

async function pollTraining() {
  let training;
  try {
    training = await getJson('/api/training');
  } catch (error) {
    showError(error);
    return;
  }
  if (training.state === 'none') return;
  $('tabs').querySelector('[data-view=training]').hidden = false;
  showTraining(training);
  if (training.state === 'running') {
    trainingTimer = setTimeout(pollTraining, 500);
  } else if (training.state === 'done' && (!state.model || state.model.state !== 'ready')) {
    await loadModel();
  }
}

function showTraining(training) {
  const epochs = training.epochs;
  const last = epochs[epochs.length - 1];
  const batch = training.batch;
  const statusText = {
    running: `Training: epoch ${Math.max(batch.epoch, 1)} of ${training.epochsPlanned}`
        + (last ? `; after epoch ${last.epoch}: validation ${(100 * last.validationAccuracy).toFixed(2)}%` : ''),
    done: `Training finished: ${training.message}.`,
    failed: `Training failed: ${training.message}`,
  }[training.state];
  $('training-status').textContent = statusText;
  $('training').dataset.state = training.state;
  $('batch-progress').style.width = (training.state === 'running' && batch.total > 0 ? 100 * batch.done / batch.total : 100) + '%';
  $('training-setup').textContent = training.setup;
  plot($('curve-loss'), epochs, [['train', (e) => e.trainLoss], ['validation', (e) => e.validationLoss]], training.epochsPlanned);
  plot($('curve-accuracy'), epochs, [['train', (e) => e.trainAccuracy], ['validation', (e) => e.validationAccuracy]],
    training.epochsPlanned);
  $('epoch-table').tBodies[0].replaceChildren(...epochs.map((e) => {
    const row = document.createElement('tr');
    for (const text of [e.epoch, e.learningRate.toPrecision(3), e.trainLoss.toFixed(4),
      (100 * e.trainAccuracy).toFixed(2) + '%', (100 * e.validationAccuracy).toFixed(2) + '%', e.seconds.toFixed(1)]) {
      const cell = document.createElement('td');
      cell.textContent = String(text);
      row.append(cell);
    }
    return row;
  }));
  const tiles = $('w1-tiles');
  if (training.tilesVersion > 0 && tiles.dataset.version !== String(training.tilesVersion)) {
    tiles.dataset.version = String(training.tilesVersion);
    tiles.src = `/api/training/w1-tiles.png?epoch=${training.tilesVersion}`;
    tiles.alt = `W1 tiles after epoch ${training.tilesVersion}`;
  }
}

/** A line chart of some series per epoch, drawn as SVG; one circle per point. */
function plot(svg, epochs, series, epochsPlanned) {
  const ns = 'http://www.w3.org/2000/svg';
  const width = 420;
  const height = 240;
  const margin = { left: 46, right: 12, top: 12, bottom: 30 };
  const values = epochs.flatMap((e) => series.map(([, value]) => value(e))).filter(Number.isFinite);
  let low = values.length ? Math.min(...values) : 0;
  let high = values.length ? Math.max(...values) : 1;
  if (high - low < 1e-9) { low -= 0.5; high += 0.5; }
  const pad = 0.05 * (high - low);
  low -= pad;
  high += pad;
  const x = (epoch) => margin.left + (width - margin.left - margin.right) * (epochsPlanned <= 1 ? 0.5 : (epoch - 1) / (epochsPlanned - 1));
  const y = (v) => margin.top + (height - margin.top - margin.bottom) * (1 - (v - low) / (high - low));
  const element = (name, attributes, text) => {
    const e = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const children = [
    element('line', { class: 'axis', x1: margin.left, y1: height - margin.bottom, x2: width - margin.right, y2: height - margin.bottom }),
    element('line', { class: 'axis', x1: margin.left, y1: margin.top, x2: margin.left, y2: height - margin.bottom }),
    element('text', { x: margin.left - 4, y: y(high - pad) + 4, 'text-anchor': 'end' }, format(high - pad, 3)),
    element('text', { x: margin.left - 4, y: y(low + pad) + 4, 'text-anchor': 'end' }, format(low + pad, 3)),
    element('text', { x: (width + margin.left) / 2, y: height - 8, 'text-anchor': 'middle' }, `epoch (1 to ${epochsPlanned})`),
  ];
  for (const [name, value] of series) {
    const points = epochs.filter((e) => Number.isFinite(value(e))).map((e) => [x(e.epoch), y(value(e))]);
    children.push(element('polyline', { class: name, points: points.map((p) => p.join(',')).join(' ') }));
    for (const [px, py] of points) children.push(element('circle', { class: name + ' point', cx: px, cy: py, r: 3 }));
  }
  svg.replaceChildren(...children);
  svg.dataset.points = String(epochs.length);
}

// ---------------------------------------------------------------- views and start

function showView(view) {
  state.view = view;
  document.querySelectorAll('.tab').forEach((t) => t.classList.toggle('active', t.dataset.view === view));
  const ready = state.model && state.model.state === 'ready';
  $('top-row').hidden = view === 'training' || !ready;
  $('draw-panel').hidden = view !== 'draw';
  $('test-panel').hidden = view !== 'test';
  $('source-panel').hidden = view !== 'backprop';
  $('inside').hidden = !ready || (view !== 'draw' && view !== 'test');
  $('backprop').hidden = !ready || view !== 'backprop';
  $('training').hidden = view !== 'training';
  if (!ready) return;
  if (view === 'draw') {
    state.source = 'draw';
    state.label = null;
    if (state.drawingHasInk) askForPrediction(); else showNothing();
  } else if (view === 'test') {
    state.label = null;
    showTestImage(state.testIndex).catch(showError);
  } else if (view === 'backprop') {
    backprop().catch(showError);
  }
}

async function loadModel() {
  state.model = await getJson('/api/model');
  if (state.model.state !== 'ready') {
    $('model-line').textContent = 'The model is training; the page shows it when training ends.';
    showView('training');
    return;
  }
  const m = state.model;
  $('model-line').textContent = `${m.name}: ${m.network}, ${m.scaling} inputs; test images from the ${m.testSet}`;
  $('outputs-title').textContent = m.outputsAreProbabilities ? 'Class probabilities' : `Outputs (${m.head}: one score per class)`;
  await loadTestSet();
  showView(state.view);
}

function start() {
  document.querySelectorAll('.tab').forEach((tab) => tab.addEventListener('click', () => showView(tab.dataset.view)));
  setUpDrawing();
  setUpHiddenGrid();
  setUpTestBrowser();
  setUpBackprop();
  showNothing();
  loadModel().catch(showError);
  pollTraining();
}

document.addEventListener('DOMContentLoaded', start);
