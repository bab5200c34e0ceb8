"use strict";
// The page of carrieres.webmap: the map (drawn by Cytoscape.js), search, fiche, routes, filters.
async function unpack(block) {  // a block's text: as it is, or unpacked where the page holds it compressed
  if (block.type !== "application/gzip+base64") return block.textContent;
  const bytes = Uint8Array.from(atob(block.textContent), c => c.charCodeAt(0));
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
}
(async () => {  // the whole page, once its data (and on a large map its drawing library) is unpacked
const library = document.getElementById("library");
if (library) {
  const code = document.createElement("script");
  code.textContent = await unpack(library);
  document.head.append(code);
}
const DATA = JSON.parse(await unpack(document.getElementById("data")));
const UI = DATA.ui;
const JOBS = DATA.jobs;
const byId = new Map(JOBS.map((job, index) => [job.id, index]));

const ELIDED = /(^|[^\p{L}\p{N}_’'])([DdQq]u?e) \{(\w+)\}/gu;  // carrieres._i18n.Message.format
function say(key, values = {}) {
  let template = UI[key];
  if (DATA.elide) {
    template = template.replace(ELIDED, (whole, before, word, name) => {
      const value = name in values ? String(values[name]) : "";
      const first = value.normalize("NFD").charAt(0).toLowerCase();
      return "aeiouyœæ".includes(first) && first ? `${before}${word.slice(0, -1)}’{${name}}` : whole;
    });
  }
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}
function plural(key, count, values = {}) {
  const n = Number.isInteger(count) ? count : 2;  // as carrieres._i18n.ngettext: a fraction is plural
  return say(UI.singular.includes(n) ? key + "_one" : key + "_other", values);
}
function number(value) {  // Python's f"{value:g}", with the language's decimal mark
  const text = String(Number(value.toPrecision(6)));
  return DATA.decimal_comma ? text.replace(".", ",") : text;
}
function round6(value) {  // Python's round(value, 6)
  return Number(value.toFixed(6));
}
function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  return node;
}

// ---- Names: looked up as the command line's resolver does (carrieres.names): the same words,
// folded and singular, the same alignment of query words with a name's words (initials, fused
// words), exact matches before partial ones, and one left-out qualifier as a last resort.
const NAMES = DATA.names;
const STOP = new Set(NAMES.stop_words);
const ENTRIES = NAMES.entries.map(([words, place, priority]) => ({ words: words.split(" "), id: JOBS[place].id, priority }));
function foldChar(c) {
  if (NAMES.apostrophes.includes(c)) return "'";
  if (NAMES.dashes.includes(c)) return "-";
  if (/^\s$/u.test(c)) return " ";
  const base = c.normalize("NFKD")[0] || c;
  const low = base.toLowerCase();
  return [...low].length === 1 ? low : [...c.toLowerCase()][0];
}
function fold(text) {
  let out = "";
  for (const c of text) out += foldChar(c);
  return out;
}
function tokens(text) {
  const words = fold(text).replaceAll("œ", "oe").replaceAll("æ", "ae").match(/[a-z0-9+]+/g) || [];
  return words.filter(word => !STOP.has(word)).map(word => (word.length > 3 && "sx".includes(word.at(-1)) ? word.slice(0, -1) : word));
}
function mayBeInitials(word) {
  return /^[a-z]{2,5}$/.test(word);
}
const TRADE = new Map(NAMES.trade.map(([form, words]) => [form, words.split(" ")]));
const TRADE_LONGEST = Math.max(0, ...NAMES.trade.map(([form]) => form.split(" ").length));
function tradeReading(query) {  // carrieres.names.trade_reading
  const words = [];
  let start = 0, used = false;
  while (start < query.length) {
    let length = Math.min(TRADE_LONGEST, query.length - start);
    for (; length > 0; length--) {
      const found = TRADE.get(query.slice(start, start + length).join(" "));
      if (found) { words.push(...found); used = true; start += length; break; }
    }
    if (!length) words.push(query[start++]);
  }
  return { words, used };
}
const HOLDING = new Map();  // word → how many names hold it (as a word, or two words as one)
for (const entry of ENTRIES) {
  const held = new Set();
  entry.words.forEach((word, start) => { held.add(word); if (start + 1 < entry.words.length) held.add(word + entry.words[start + 1]); });
  for (const word of held) HOLDING.set(word, (HOLDING.get(word) || 0) + 1);
}
function rarity(word) {  // carrieres.names.NameIndex._rarity
  return Math.round(1000 * Math.log(ENTRIES.length / Math.max(1, HOLDING.get(word) || 0)));
}
function less(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}
function alignment(query, words, whole, initials) {  // carrieres.names._alignment
  const memo = new Map();
  function walk(q, w, started) {
    const key = q + "," + w + "," + started;
    if (memo.has(key)) return memo.get(key);
    let best = null;
    const offer = option => { if (best === null || less(option, best)) best = option; };
    if (q === query.length) {
      if (!(whole && w < words.length)) offer([0, 0, words.slice(w).reduce((sum, word) => sum + rarity(word), 0)]);
    } else if (w < words.length) {
      const word = query[q];
      const step = (nextQ, nextW, byInitials) => { const found = walk(nextQ, nextW, true); if (found) offer([found[0] + byInitials, found[1], found[2]]); };
      if (word === words[w]) step(q + 1, w + 1, 0);
      if (w + 1 < words.length && word === words[w] + words[w + 1]) step(q + 1, w + 2, 0);
      if (q + 1 < query.length && word + query[q + 1] === words[w]) step(q + 2, w + 1, 0);
      if (initials && mayBeInitials(word)) {
        const span = words.slice(w, w + word.length);
        if (span.length === word.length && span.map(part => part[0]).join("") === word) step(q + 1, w + word.length, 1);
      }
      if (!whole) {
        const skipped = walk(q, w + 1, started);
        if (skipped) offer([skipped[0], skipped[1] + (started ? 0 : 1), skipped[2] + rarity(words[w])]);
      }
    }
    memo.set(key, best);
    return best;
  }
  return walk(0, 0, false);
}
function holds(entry, word, initials) {
  const words = entry.words;
  for (let start = 0; start < words.length; start++) {
    if (words[start] === word || (start + 1 < words.length && words[start] + words[start + 1] === word)) return true;
    if (initials && mayBeInitials(word)) {
      for (let length = 2; length <= Math.min(5, words.length - start); length++) {
        if (words.slice(start, start + length).map(part => part[0]).join("") === word) return true;
      }
    }
  }
  return false;
}
function candidates(query, initials) {
  return ENTRIES.filter(entry => query.every(word => holds(entry, word, initials)));
}
function matching(query) {  // carrieres.names.NameIndex._matching
  if (!query.length) return [];
  const trade = tradeReading(query);
  const readings = trade.used ? [[query, false, false], [trade.words, true, true]] : [[query, true, false]];
  const found = [], exacts = [];
  for (const [words, initials, trade] of readings) {
    const held = new Set(candidates(words, initials));
    for (let start = 0; start < words.length - 1; start++) {
      const fused = [...words.slice(0, start), words[start] + words[start + 1], ...words.slice(start + 2)];
      for (const entry of candidates(fused, initials)) held.add(entry);
    }
    const exact = [];
    for (const entry of ENTRIES) {
      if (!held.has(entry)) continue;
      const partial = alignment(words, entry.words, false, initials);
      if (!partial) continue;
      const whole = alignment(words, entry.words, true, initials);
      const [used, skipped, extra] = whole || partial;
      (whole ? exact : found).push({ entry, whole: whole !== null, initials: used > 0, trade, inside: skipped > 0, extra });
    }
    exacts.push(exact);
  }
  // a job's own name the query is wins, as written before as the trade reads it; else a card's
  for (const whole of [...exacts.map(exact => exact.filter(f => f.entry.priority < NAMES.whole_only)), ...exacts]) {
    if (whole.length) {
      const best = Math.min(...whole.map(f => f.entry.priority));
      return whole.filter(f => f.entry.priority === best);
    }
  }
  const partial = found.filter(f => f.entry.priority < NAMES.whole_only);
  return partial.length ? partial : found.filter(f => !f.inside);
}
function rank(f) {
  return [f.whole ? 0 : 1, f.initials ? 1 : 0, f.trade ? 1 : 0, f.inside ? 1 : 0, f.extra, f.entry.priority];
}
function closest(found) {  // carrieres.names.NameIndex._closest
  const best = new Map(), count = new Map();
  for (const f of found) {
    count.set(f.entry.id, (count.get(f.entry.id) || 0) + 1);
    if (!best.has(f.entry.id) || less(rank(f), rank(best.get(f.entry.id)))) best.set(f.entry.id, f);
  }
  const title = id => JOBS[byId.get(id)].title;
  const ranked = [...best.values()].sort((a, b) => {
    const ra = [...rank(a), -count.get(a.entry.id)], rb = [...rank(b), -count.get(b.entry.id)];
    if (less(ra, rb)) return -1;
    if (less(rb, ra)) return 1;
    return title(a.entry.id) < title(b.entry.id) ? -1 : title(a.entry.id) > title(b.entry.id) ? 1 : 0;
  });
  if (ranked.length < 2) return { ranked, clear: ranked.length === 1 };
  const [first, second] = ranked;
  const clear = less(rank(first).slice(0, 4), rank(second).slice(0, 4))
    || (first.entry.priority >= NAMES.whole_only && count.get(first.entry.id) >= 3 * count.get(second.entry.id));
  return { ranked, clear };
}
function withoutAQualifier(query) {  // carrieres.names.NameIndex._without_a_qualifier
  const read = tradeReading(query);
  const found = [];
  for (const [words, trade] of read.used ? [[query, false], [read.words, true]] : [[query, false]]) {
    if (words.length < 2) continue;
    for (let left = 0; left < words.length; left++) {
      const shorter = [...words.slice(0, left), ...words.slice(left + 1)];
      for (const entry of candidates(shorter, false)) {
        if (alignment(shorter, entry.words, true, false)) found.push({ entry, whole: true, initials: false, trade, inside: false, extra: 0 });
      }
    }
  }
  return new Set(found.map(f => f.entry.id)).size === 1 ? found : [];
}
function resolveName(name) {  // carrieres.names.NameIndex.lookup
  const query = tokens(name);
  const matched = matching(query);
  const { ranked, clear } = closest(matched.length ? matched : withoutAQualifier(query));
  const how = !ranked.length ? "none" : ranked[0].whole ? "exact" : "partial";
  return { ids: ranked.map(f => f.entry.id), how, clear };
}

// ---- Routes: the search of carrieres.find_paths, step for step. networkx's
// shortest_simple_paths (Yen's algorithm over a bidirectional Dijkstra, heaps ordered by
// cost then by a counter) on the moves as networkx walks them (DATA.routing.succ / pred, in the
// graph's order), the routes taken while they can tie with the k-th, then ranked by cost,
// years and moves for the profile.
const ROUTING = DATA.routing;
const MOVE = ROUTING.succ.map(row => new Map(row.map(([target, cost, same, why]) => [target, { cost, same, why }])));

class Heap {  // a binary heap of arrays compared item by item (numbers)
  constructor() { this.items = []; }
  get size() { return this.items.length; }
  static less(a, b) {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  }
  push(item) {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!Heap.less(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }
  pop() {
    const items = this.items, top = items[0], last = items.pop();
    if (items.length) {
      items[0] = last;
      let i = 0;
      while (true) {
        const left = 2 * i + 1, right = left + 1;
        let smallest = i;
        if (left < items.length && Heap.less(items[left], items[smallest])) smallest = left;
        if (right < items.length && Heap.less(items[right], items[smallest])) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest], items[i]];
        i = smallest;
      }
    }
    return top;
  }
}

function bidirectionalDijkstra(source, target, ignoreNodes, ignoreEdges) {
  if (ignoreNodes.has(source) || ignoreNodes.has(target)) return null;
  if (source === target) return [0, [source]];
  const neighbours = [ROUTING.succ.map(row => row.map(move => move[0])), ROUTING.pred];
  const dists = [new Map(), new Map()];
  const paths = [new Map([[source, [source]]]), new Map([[target, [target]]])];
  const fringe = [new Heap(), new Heap()];
  const seen = [new Map([[source, 0]]), new Map([[target, 0]])];
  let counter = 0, finalDist = null, finalPath = [];
  fringe[0].push([0, counter++, source]);
  fringe[1].push([0, counter++, target]);
  let dir = 1;
  while (fringe[0].size && fringe[1].size) {
    dir = 1 - dir;
    const [dist, , v] = fringe[dir].pop();
    if (dists[dir].has(v)) continue;
    dists[dir].set(v, dist);
    if (dists[1 - dir].has(v)) return [finalDist, finalPath];
    for (const w of neighbours[dir][v]) {
      if (ignoreNodes.has(w)) continue;
      const edge = dir === 0 ? v + ">" + w : w + ">" + v;
      if (ignoreEdges.has(edge)) continue;
      const weight = dir === 0 ? MOVE[v].get(w).cost : MOVE[w].get(v).cost;
      const length = dists[dir].get(v) + weight;
      if (dists[dir].has(w)) continue;
      if (!seen[dir].has(w) || length < seen[dir].get(w)) {
        seen[dir].set(w, length);
        fringe[dir].push([length, counter++, w]);
        paths[dir].set(w, [...paths[dir].get(v), w]);
        if (seen[0].has(w) && seen[1].has(w)) {
          const total = seen[0].get(w) + seen[1].get(w);
          if (!finalPath.length || finalDist > total) {
            finalDist = total;
            finalPath = [...paths[0].get(w), ...[...paths[1].get(w)].reverse().slice(1)];
          }
        }
      }
    }
  }
  return null;
}

function pathCost(path) {  // the sum, in the same order as Python's
  let total = 0;
  for (let i = 1; i < path.length; i++) total += MOVE[path[i - 1]].get(path[i]).cost;
  return total;
}

function* simplePaths(source, target) {  // networkx.shortest_simple_paths
  const listA = [];
  const buffer = new Heap(), buffered = new Set();
  let counter = 0, previous = null;
  function push(cost, path) {
    const key = path.join(",");
    if (!buffered.has(key)) {
      buffer.push([cost, counter++, path]);
      buffered.add(key);
    }
  }
  while (true) {
    if (previous === null) {
      const found = bidirectionalDijkstra(source, target, new Set(), new Set());
      if (found) push(found[0], found[1]);
    } else {
      const ignoreNodes = new Set(), ignoreEdges = new Set();
      for (let i = 1; i < previous.length; i++) {
        const root = previous.slice(0, i);
        const rootLength = pathCost(root);
        for (const path of listA) {
          if (path.length >= i && root.every((node, j) => path[j] === node)) ignoreEdges.add(path[i - 1] + ">" + path[i]);
        }
        const spur = bidirectionalDijkstra(root[root.length - 1], target, ignoreNodes, ignoreEdges);
        if (spur) push(rootLength + spur[0], [...root.slice(0, -1), ...spur[1]]);
        ignoreNodes.add(root[root.length - 1]);
      }
    }
    if (!buffer.size) return;
    const [, , path] = buffer.pop();
    buffered.delete(path.join(","));
    yield path;
    listA.push(path);
    previous = path;
  }
}

function comparePaths(a, b) {  // Python's comparison of two lists of job ids
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = JOBS[a[i]].id, y = JOBS[b[i]].id;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function timeline(path, profile) {  // carrieres.paths._timeline
  const assumptions = new Set(), checks = [null], spent = new Map([[path[0], profile.experience]]);
  let year = 0, worked = profile.experience, education = profile.education, inJob = profile.experience;
  if (education === null) assumptions.add("not_checked");
  for (let i = 1; i < path.length; i++) {
    const job = JOBS[path[i]], previous = path[i - 1], same = MOVE[previous].get(path[i]).same;
    const needed = job.experience;
    let stay = same ? 0 : Math.max(0, DATA.profile.min_stay_years - inJob);
    const climb = same ? 0 : job.seniority - JOBS[previous].seniority;
    if (climb >= DATA.profile.jump_ranks) {
      stay = Math.max(stay, DATA.profile.several_years);
      assumptions.add("jump");
    } else if (climb > 0 && needed === null) {
      stay = Math.max(stay, DATA.profile.several_years - inJob);
      assumptions.add("climb");
    }
    if (needed === null && !same) assumptions.add("stay");
    if (job.assumed) assumptions.add("unquantified");
    const roles = job.years_in;
    const counted = roles === null ? worked : roles.reduce((sum, role) => sum + (spent.get(role) || 0), 0);
    const have = roles === null || roles.includes(path[0]) ? profile.experience : 0;
    if (roles !== null && needed !== null && counted < worked) assumptions.add("in_roles");
    const wait = Math.max(stay, (needed || 0) - counted);
    year += wait;
    worked += wait;
    spent.set(previous, (spent.get(previous) || 0) + wait);
    let meets = null, gain = null, study = 0;
    if (education !== null && job.education !== null) {
      meets = education >= job.education;
      if (!meets) {
        gain = LEVELS.get(job.education)[2];
        study = (job.education - education) * DATA.profile.years_per_level;
        assumptions.add("per_level");
        education = job.education;
        year += study;
      }
    }
    checks.push({ meets, gain, study, meetsExperience: needed === null ? null : have >= needed, needed, assumed: job.assumed, year: round6(year) });
    inJob = same ? inJob + wait : 0;
  }
  const notes = [...assumptions].map(key => DATA.profile.assumptions[key]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { checks, years: round6(year), assumptions: notes };
}

function findRoutes(start, end, k, profile) {  // carrieres.find_paths(G, start, end, k=k, profile=profile)
  const found = [];
  for (const path of simplePaths(start, end)) {
    const value = pathCost(path);
    const enough = found.length === k + ROUTING.ties;
    if (found.length >= k && (enough || value > found[k - 1].cost + 1e-9)) break;
    found.push({ path, cost: value });
  }
  found.sort((a, b) => a.cost - b.cost || a.path.length - b.path.length || comparePaths(a.path, b.path));
  const described = found.map(({ path, cost }) => {
    const same = path.slice(1).filter((node, i) => MOVE[path[i]].get(node).same).length;
    return { path, cost: round6(cost), moves: path.length - 1 - same, ...timeline(path, profile) };
  });
  described.sort((a, b) => a.cost - b.cost || a.years - b.years || a.moves - b.moves);
  return described.slice(0, k);
}

// ---- The map.
const LEVELS = new Map(DATA.profile.levels.map(level => [level[0], level]));
const colour = new Map(DATA.families.map(family => [family.name, family.colour]));
const KINDS = DATA.kinds;
const state = {
  families: new Set(DATA.families.map(family => family.name)),
  kinds: new Set(KINDS.filter(kind => kind.default).map(kind => kind.kind)),
  selected: null,
  focused: null,
  routes: [],
  chosen: 0,
};
const LABEL_PX = 12, LABEL_FONT = '"DejaVu Sans", system-ui, sans-serif';
const maxDegree = Math.max(1, ...JOBS.map(job => job.degree));
const many = DATA.moves.length > 3000;
const edgeOpacity = Math.max(0.04, Math.min(0.55, 400 / DATA.moves.length));  // a dense map stays readable

// Labels run outwards from their job, along the radius (upright on both halves of the circle).
const elements = JOBS.map((job, index) => {
  const angle = Math.atan2(job.y, job.x), size = 8 + 14 * Math.sqrt(job.degree / maxDegree);
  return {
    group: "nodes",
    data: { id: "j" + index, label: job.title, colour: colour.get(job.family) || "#999", size, cos: Math.cos(angle), sin: Math.sin(angle), dx: 0, dy: 0, rotation: Math.cos(angle) >= 0 ? angle : angle + Math.PI },
    position: { x: job.x, y: job.y },
  };
});
function moveElement(index) {
  const [s, t, kinds] = DATA.moves[index], kind = KINDS[kinds[0]];
  return {
    group: "edges",
    data: { id: "m" + index, source: "j" + s, target: "j" + t, colour: kind.colour, dash: kind.dash, kinds: kinds.map(i => KINDS[i].kind) },
  };
}
// A large map (ROME's 1,584 jobs, 20,000 moves) draws its moves as one picture beneath the jobs
// (the underlay), and makes a move an element of the map only where it is looked at: around the
// job selected, along a route. Twenty thousand elements took three seconds to draw.
const MOVES_OF = JOBS.map(() => []);  // each job's moves, into it and out of it
const MOVE_AT = new Map();  // source * jobs + target → the move's index
DATA.moves.forEach(([s, t], index) => {
  MOVES_OF[s].push(index);
  MOVES_OF[t].push(index);
  MOVE_AT.set(s * JOBS.length + t, index);
});
if (!many) DATA.moves.forEach((move, index) => elements.push(moveElement(index)));

function styles(zoom) {
  const font = LABEL_PX / zoom;
  return [  // jobs and labels keep their size on the screen: zooming in spreads them apart
    { selector: "node", style: { width: ele => ele.data("size") / zoom, height: ele => ele.data("size") / zoom, "background-color": "data(colour)", "border-width": 1, "border-color": "#fff", label: "", "font-family": LABEL_FONT, "font-size": font, "text-valign": "center", "min-zoomed-font-size": 0, color: "#222", "text-outline-color": "#fff", "text-outline-width": 2 / zoom } },
    { selector: "node", style: { "text-halign": "center", "text-rotation": "data(rotation)", "text-margin-x": ele => ele.data("dx") / zoom, "text-margin-y": ele => ele.data("dy") / zoom } },
    { selector: "node.labelled", style: { label: "data(label)" } },
    { selector: "edge", style: { width: 1, "line-color": "data(colour)", opacity: edgeOpacity, "curve-style": many ? "haystack" : "bezier", "haystack-radius": 0, "target-arrow-shape": many ? "none" : "triangle", "target-arrow-color": "data(colour)", "arrow-scale": 0.6 } },
    { selector: "edge[dash = 'dashed']", style: { "line-style": "dashed" } },
    { selector: "edge[dash = 'dotted']", style: { "line-style": "dotted" } },
    { selector: ".faded", style: { opacity: 0.08 } },
    { selector: "edge.near", style: { opacity: 1, width: 2, "z-index": 5 } },
    { selector: "node.selected", style: { "border-width": 3, "border-color": "#000", "z-index": 10 } },
    { selector: "node.near, node.on-route", style: { "z-index": 9, "font-weight": "bold" } },
    { selector: "edge.on-route", style: { opacity: 1, width: 4, "line-color": "data(route)", "target-arrow-color": "data(route)", "curve-style": "bezier", "target-arrow-shape": "triangle", "z-index": 20 } },
    { selector: "node.focused", style: { "overlay-color": "#1f4e9a", "overlay-opacity": 0.35, "overlay-padding": 5 } },
    { selector: ".filtered", style: { display: "none" } },
  ];
}

const cy = cytoscape({
  container: document.getElementById("map"),
  elements,
  layout: { name: "preset", fit: false },
  style: styles(1),
  minZoom: 0.05,
  maxZoom: 20,
  wheelSensitivity: 0.3,
  boxSelectionEnabled: false,
  autoungrabify: true,
  autounselectify: true,
  hideEdgesOnViewport: many,
  textureOnViewport: false,
});
const node = index => cy.getElementById("j" + index);
function withMoves(indices) {  // the moves made elements of a large map where they are looked at
  const missing = indices.filter(index => cy.getElementById("m" + index).empty());
  if (missing.length) cy.add(missing.map(moveElement));
}
const underlay = many ? document.createElement("canvas") : null;
if (underlay) {
  underlay.id = "underlay";
  underlay.setAttribute("aria-hidden", "true");
  document.getElementById("map-area").insertBefore(underlay, document.getElementById("map"));
}
const DASH = { dashed: [6, 4], dotted: [1.5, 3], solid: [] };
let drawn = { filters: null, groups: null };
function underlayGroups() {  // the moves the filters keep, by line style: sorted again only when the filters change
  const filters = [...state.kinds].sort().join(",") + "|" + [...state.families].sort().join(",");
  if (drawn.filters === filters) return drawn.groups;
  const groups = new Map();
  DATA.moves.forEach(([s, t, kinds]) => {
    if (!kinds.some(i => state.kinds.has(KINDS[i].kind))) return;
    if (!state.families.has(JOBS[s].family) || !state.families.has(JOBS[t].family)) return;
    const kind = KINDS[kinds[0]], key = kind.colour + " " + kind.dash;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(s, t);
  });
  drawn = { filters, groups };
  return groups;
}
function drawUnderlay() {  // every move the filters keep, as thin lines, faded when a job is chosen
  if (!underlay) return;
  const ratio = window.devicePixelRatio || 1, width = cy.width(), height = cy.height();
  if (underlay.width !== Math.round(width * ratio) || underlay.height !== Math.round(height * ratio)) {
    underlay.width = Math.round(width * ratio);
    underlay.height = Math.round(height * ratio);
  }
  const context = underlay.getContext("2d"), zoom = cy.zoom(), pan = cy.pan();
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, underlay.width, underlay.height);
  context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * pan.x, ratio * pan.y);
  context.lineWidth = 1 / zoom;
  const chosen = state.selected !== null || state.routes.length > 0;
  context.globalAlpha = chosen ? edgeOpacity / 4 : edgeOpacity;  // as .faded fades the elements
  for (const [key, ends] of underlayGroups()) {
    const [colour, dash] = key.split(" ");
    context.strokeStyle = colour;
    context.setLineDash((DASH[dash] || []).map(length => length / zoom));
    context.beginPath();
    for (let i = 0; i < ends.length; i += 2) {
      context.moveTo(JOBS[ends[i]].x, JOBS[ends[i]].y);
      context.lineTo(JOBS[ends[i + 1]].x, JOBS[ends[i + 1]].y);
    }
    context.stroke();
  }
}

// Labels: shown at a steady size on the screen, where they overlap no label shown before them.
// Their width is measured as Cytoscape measures it (at the font size of the zoom, rounded up).
const measure = document.createElement("canvas").getContext("2d");
let widths = { zoom: null, of: new Map() };
function labelWidth(index, weight) {
  const zoom = cy.zoom();
  if (widths.zoom !== zoom) widths = { zoom, of: new Map() };
  const key = weight + index;
  if (!widths.of.has(key)) {
    measure.font = `normal ${weight} ${LABEL_PX / zoom}px ${LABEL_FONT}`;
    widths.of.set(key, Math.ceil(measure.measureText(JOBS[index].title).width) * zoom);
  }
  return widths.of.get(key);
}
const byDegree = JOBS.map((job, index) => index).sort((a, b) => JOBS[b].degree - JOBS[a].degree || (JOBS[a].title < JOBS[b].title ? -1 : 1));
let styledZoom = 1;

function labelOrder() {
  const first = [];
  if (state.selected !== null) first.push(state.selected);
  if (state.focused !== null) first.push(state.focused);
  for (const route of state.routes) first.push(...route.path);
  if (state.selected !== null) for (const other of node(state.selected).neighborhood("node").map(n => Number(n.id().slice(1)))) first.push(other);
  return [...new Set([...first, ...byDegree])];
}
function overlap(a, b) {  // two turned rectangles overlap unless an axis of either separates them
  const dx = b.x - a.x, dy = b.y - a.y;
  for (const axis of [...a.axes, ...b.axes]) {
    const reach = box => box.half[0] * Math.abs(box.axes[0][0] * axis[0] + box.axes[0][1] * axis[1]) + box.half[1] * Math.abs(box.axes[1][0] * axis[0] + box.axes[1][1] * axis[1]);
    if (Math.abs(dx * axis[0] + dy * axis[1]) >= reach(a) + reach(b)) return false;
  }
  return true;
}
function fitLabels() {
  const zoom = cy.zoom();
  if (Math.abs(zoom - styledZoom) / styledZoom > 1e-6) {
    cy.style(styles(zoom));
    styledZoom = zoom;
  }
  const [width, height] = [cy.width(), cy.height()], margin = 2, cell = 120;
  const grid = new Map(), shown = [];
  for (const index of labelOrder()) {
    const element = node(index);
    if (element.hasClass("filtered")) continue;
    const at = element.renderedPosition(), rotation = element.data("rotation");
    const text = labelWidth(index, element.style("font-weight"));
    const reach = element.data("size") / 2 + 5 + text / 2;  // from the job's centre to its label's
    const box = {  // a rectangle turned by `rotation`: centre, half sizes, axes
      index, dx: element.data("cos") * reach, dy: element.data("sin") * reach,
      half: [text / 2 + margin + 2, LABEL_PX / 2 + margin + 2],  // 2: the text's outline
      axes: [[Math.cos(rotation), Math.sin(rotation)], [-Math.sin(rotation), Math.cos(rotation)]],
    };
    box.x = at.x + box.dx;
    box.y = at.y + box.dy;
    const ex = box.half[0] * Math.abs(box.axes[0][0]) + box.half[1] * Math.abs(box.axes[1][0]);
    const ey = box.half[0] * Math.abs(box.axes[0][1]) + box.half[1] * Math.abs(box.axes[1][1]);
    const inset = 2;  // never cut by the edge
    if (box.x - ex < inset || box.x + ex > width - inset || box.y - ey < inset || box.y + ey > height - inset) continue;
    const keys = [];
    for (let gx = Math.floor((box.x - ex) / cell); gx <= Math.floor((box.x + ex) / cell); gx++) {
      for (let gy = Math.floor((box.y - ey) / cell); gy <= Math.floor((box.y + ey) / cell); gy++) keys.push(gx + "," + gy);
    }
    const clash = keys.some(key => (grid.get(key) || []).some(other => overlap(box, other)));
    if (clash) continue;
    for (const key of keys) grid.set(key, [...(grid.get(key) || []), box]);
    shown.push(box);
  }
  cy.batch(() => {
    cy.nodes(".labelled").removeClass("labelled");
    for (const box of shown) node(box.index).data({ dx: box.dx, dy: box.dy }).addClass("labelled");
  });
}
function fitView() {  // the whole circle, with room for the labels on either side
  const room = Math.min(180, cy.width() * 0.22), radius = Math.max(1, ...JOBS.map(job => Math.hypot(job.x, job.y)));
  const zoom = Math.max(cy.minZoom(), Math.min((cy.width() - 2 * room) / (2 * radius), (cy.height() - 2 * room) / (2 * radius)));
  cy.viewport({ zoom, pan: { x: cy.width() / 2, y: cy.height() / 2 } });
}
let pending = false;
function fitLabelsSoon() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => { pending = false; fitLabels(); });
}
cy.on("viewport resize", fitLabelsSoon);
if (underlay) cy.on("viewport resize", drawUnderlay);

function redraw() {
  if (many) {  // the moves looked at become elements of the map
    if (state.selected !== null) withMoves(MOVES_OF[state.selected]);
    for (const route of state.routes) {
      withMoves(route.path.slice(1).map((index, i) => MOVE_AT.get(route.path[i] * JOBS.length + index)).filter(index => index !== undefined));
    }
  }
  drawUnderlay();
  cy.batch(() => {
    cy.elements().removeClass("faded near selected on-route focused");
    JOBS.forEach((job, index) => node(index).toggleClass("filtered", !state.families.has(job.family)));
    cy.edges().forEach(edge => {
      const visible = edge.data("kinds").some(kind => state.kinds.has(kind)) && !edge.source().hasClass("filtered") && !edge.target().hasClass("filtered");
      edge.toggleClass("filtered", !visible);
    });
    if (state.selected !== null) {
      const chosen = node(state.selected);
      const edges = chosen.connectedEdges().not(".filtered");
      cy.elements().addClass("faded");
      chosen.removeClass("faded").addClass("selected");
      edges.removeClass("faded").addClass("near");
      edges.connectedNodes().removeClass("faded").addClass("near");
    }
    [...state.routes].reverse().forEach((route, reversed) => {
      const number = state.routes.length - 1 - reversed;
      const paint = DATA.route_colours[number % DATA.route_colours.length];
      route.path.forEach((index, i) => {
        node(index).removeClass("faded").addClass("on-route");
        if (i === 0) return;
        const edge = cy.edges(`[source = "j${route.path[i - 1]}"][target = "j${index}"]`);
        edge.removeClass("faded filtered").addClass("on-route").data("route", paint);
      });
    });
    if (state.focused !== null) node(state.focused).addClass("focused");
  });
  fitLabels();
}

// ---- The panel.
function showFiche(index) {
  const job = JOBS[index];
  const card = document.getElementById("fiche");
  card.replaceChildren();
  card.append(el("h3", job.title), el("div", [job.family, job.subfamily].filter(Boolean).join(" / "), { class: "muted" }));
  if (job.aliases.length) card.append(el("div", say("also_called", { names: job.aliases.join(", ") }), { class: "muted" }));
  const asks = el("ul");
  for (const line of job.requires) asks.append(el("li", line));
  card.append(asks);
  if (!job.has_fiche) card.append(el("p", say(job.card ? "no_fiche_card" : "no_fiche"), { class: "muted" }));
  const blocks = sections => {
    for (const [title, items] of sections) {
      card.append(el("strong", title));
      const list = el("ul");
      for (const item of items) list.append(el("li", item));
      card.append(list);
    }
  };
  blocks(job.sections);
  if (job.card) {
    card.append(el("h4", job.card[0]));
    blocks(job.card[1]);
  }
  const from = el("button", say("route_from_here"), { type: "button" }), to = el("button", say("route_to_here"), { type: "button" });
  from.addEventListener("click", () => { document.getElementById("from").value = job.id; });
  to.addEventListener("click", () => { document.getElementById("to").value = job.id; showRoutes(); });
  card.append(from, to);
}
function select(index) {
  state.selected = index;
  showFiche(index);
  document.getElementById("side").scrollTop = 0;
  redraw();
  keepInView([index]);
}
cy.on("tap", "node", event => { state.focused = null; select(Number(event.target.id().slice(1))); });
cy.on("tap", event => { if (event.target === cy && state.selected !== null) { state.selected = null; redraw(); } });

function search() {
  const typed = document.getElementById("search").value.trim();
  const results = document.getElementById("results");
  results.replaceChildren();
  if (!typed) return;
  const query = fold(typed);
  const named = resolveName(typed).ids.map(id => byId.get(id));  // as 'carrieres show' reads it
  const partial = JOBS.map((job, index) => index).filter(index => !named.includes(index) && [JOBS[index].title, ...JOBS[index].aliases, JOBS[index].id].some(name => fold(name).includes(query)));
  const found = [...named, ...partial];
  if (!found.length) {  // no job: say so, and offer the closest names
    results.append(el("li", say("no_match", { query: typed }), { class: "muted", role: "status" }));
  }
  for (const index of (found.length ? found : closestTitles(query)).slice(0, 12)) {
    const item = el("li"), button = el("button", JOBS[index].title, { type: "button", "data-id": JOBS[index].id });
    button.addEventListener("click", () => { select(index); bringToCentre(index); });
    item.append(button);
    results.append(item);
  }
}
function closestTitles(query) {  // the three titles that share the most letter triples with a query
  const triples = text => new Set([...Array(Math.max(0, text.length - 2)).keys()].map(i => text.slice(i, i + 3)));
  const asked = triples(" " + query + " ");
  const score = index => {
    const own = triples(" " + fold(JOBS[index].title) + " ");
    let shared = 0;
    for (const triple of asked) if (own.has(triple)) shared += 1;
    return shared / (asked.size + own.size - shared || 1);
  };
  return JOBS.map((job, index) => [score(index), index]).filter(([value]) => value > 0)
    .sort((a, b) => b[0] - a[0] || (JOBS[a[1]].title < JOBS[b[1]].title ? -1 : 1)).slice(0, 3).map(([, index]) => index);
}

function profile() {
  const education = document.getElementById("education").value;
  const experience = Number(document.getElementById("experience").value);
  return { education: education === "" ? null : Number(education), experience: Number.isFinite(experience) && experience >= 0 ? experience : 0 };
}
function stepChecks(check) {  // carrieres._render.profile_text
  const parts = [];
  if (check.meets === false && check.gain) {
    parts.push(say("diploma_to_gain", { diploma: check.gain, study: plural("study", check.study, { years: number(check.study) }) }));
  } else if (check.meets) {
    parts.push(say("education_met"));
  }
  if (check.needed === null) parts.push(say("experience_not_stated"));
  else if (check.meetsExperience) parts.push(say("experience_met"));
  else {
    const asked = plural("asked", check.needed, { years: number(check.needed) });
    parts.push(say("experience_asked", { asked: check.assumed ? say("assumed", { asked }) : asked }));
  }
  return parts.join(" · ");
}
function learning(why) {  // the lines carrieres._render.learning_lines writes, their clauses joined back
  return ROUTING.learn[why].map(line => line.map(piece => ROUTING.pieces[piece]).join(ROUTING.clause));
}
function itinerary(route, rank) {
  const box = el("details", null, { class: "itinerary", "data-route": String(rank) });
  box.style.borderLeftColor = DATA.route_colours[(rank - 1) % DATA.route_colours.length];
  if (rank === 1) box.open = true;
  const heading = say("route_heading", { number: rank, moves: plural("moves", route.moves, { count: route.moves }) }) + ", " + plural("about", route.years, { years: number(route.years) }) + say("cost", { cost: number(route.cost) });
  box.append(el("summary", heading));
  const list = el("ol", null, { start: "0" });
  route.path.forEach((index, i) => {
    const item = el("li");
    const when = i === 0 ? " " + say("start") : " — " + say("year", { year: number(route.checks[i].year) });
    item.append(el("strong", JOBS[index].title), document.createTextNode(when));
    if (i > 0) {
      const why = MOVE[route.path[i - 1]].get(index).why;
      item.append(el("div", say("why", { reasons: ROUTING.why[why] }), { class: "line" }));
      item.append(el("div", say("asks", { requirements: JOBS[index].asks }), { class: "line muted" }));
      item.append(el("div", say("you", { gaps: stepChecks(route.checks[i]) }), { class: "line" }));
      for (const line of learning(why)) item.append(el("div", line, { class: "line muted" }));
    }
    list.append(item);
  });
  box.append(list);
  if (route.assumptions.length) box.append(el("div", say("assumptions", { assumptions: route.assumptions.join(UI.clauses) }), { class: "muted" }));
  return box;
}
function showRoutes() {
  const start = byId.get(document.getElementById("from").value), end = byId.get(document.getElementById("to").value);
  const k = Number(document.getElementById("k").value);
  const box = document.getElementById("route");
  box.replaceChildren();
  state.routes = [];
  if (start === end) {
    box.append(el("p", say("choose_two")));
    redraw();
    return;
  }
  const person = profile();
  const routes = findRoutes(start, end, k, person);
  if (!routes.length) {
    box.append(el("p", say("no_route", { start: JOBS[start].title, end: JOBS[end].title }), { id: "no-route" }));
    redraw();
    return;
  }
  const level = person.education === null ? say("not_given") : LEVELS.get(person.education)[1];
  box.append(el("p", say("profile", { level, worked: plural("worked", person.experience, { years: number(person.experience) }) }), { class: "muted", id: "profile" }));
  routes.forEach((route, i) => box.append(itinerary(route, i + 1)));
  state.routes = routes;
  redraw();
  keepInView([...new Set(routes.flatMap(route => route.path))]);  // the routes on the map, wherever it was looking
  document.getElementById("side").scrollTop = box.offsetTop - 120;  // the routes, under the form
}

function filters() {
  const families = document.getElementById("family-filter");
  for (const family of DATA.families) {
    const box = el("input", null, { type: "checkbox", "data-family": family.name });
    box.checked = true;
    box.addEventListener("change", () => { box.checked ? state.families.add(family.name) : state.families.delete(family.name); redraw(); });
    const label = el("label");
    label.append(box, document.createTextNode(" " + family.name));
    label.style.color = family.colour;
    families.append(label);
  }
  const kinds = document.getElementById("kind-filter");
  for (const kind of KINDS) {
    const box = el("input", null, { type: "checkbox", "data-kind": kind.kind });
    box.checked = kind.default;
    box.addEventListener("change", () => { box.checked ? state.kinds.add(kind.kind) : state.kinds.delete(kind.kind); redraw(); });
    const label = el("label"), sample = el("span", null, { class: "sample" });
    sample.style.borderTopStyle = kind.dash;
    sample.style.borderTopColor = kind.colour;
    label.append(box, document.createTextNode(" "), sample, document.createTextNode(kind.label));
    kinds.append(label);
  }
}

function routeForm() {
  const sorted = JOBS.map((job, index) => index).sort((a, b) => JOBS[a].title.localeCompare(JOBS[b].title, document.documentElement.lang));
  for (const id of ["from", "to"]) {
    const choice = document.getElementById(id);
    for (const index of sorted) choice.append(el("option", JOBS[index].title, { value: JOBS[index].id }));
  }
  document.getElementById("from").value = JOBS[DATA.start].id;
  document.getElementById("to").value = JOBS[DATA.end].id;
  const education = document.getElementById("education");
  education.append(el("option", say("not_given"), { value: "" }));
  for (const [level, label] of DATA.profile.levels) education.append(el("option", label, { value: String(level) }));
  const k = document.getElementById("k");
  for (const count of [1, 2, 3, 4, 5]) k.append(el("option", String(count), { value: String(count) }));
  k.value = "3";
  document.getElementById("route-button").addEventListener("click", showRoutes);
  document.getElementById("links-used").textContent = say("links_used", { links: ROUTING.links });
}

// ---- Keyboard: the map takes the arrow keys (job to job, around the circle), Enter, + − 0.
const clockwise = JOBS.map(job => Math.atan2(job.y, job.x));  // the circle's order on the screen (y down)
const around = JOBS.map((job, index) => index).sort((a, b) => clockwise[a] - clockwise[b] || a - b);
function bringToCentre(index) {
  const at = node(index).position(), zoom = cy.zoom();
  cy.animate({ pan: { x: cy.width() / 2 - at.x * zoom, y: cy.height() / 2 - at.y * zoom }, duration: 200 });
}
function keepInView(indices) {  // pan (zooming out only where they cannot all fit) to show these jobs
  const jobs = cy.collection(indices.map(index => node(index)));
  const box = jobs.renderedBoundingBox({ includeLabels: false }), room = 60;
  const [width, height] = [cy.width(), cy.height()];
  if (box.x1 >= room && box.y1 >= room && box.x2 <= width - room && box.y2 <= height - room) return;
  if (box.w > width - 2 * room || box.h > height - 2 * room) {
    cy.animate({ fit: { eles: jobs, padding: room }, duration: 250 });
  } else {
    const pan = cy.pan();
    cy.animate({ pan: { x: pan.x + width / 2 - (box.x1 + box.x2) / 2, y: pan.y + height / 2 - (box.y1 + box.y2) / 2 }, duration: 250 });
  }
}
function zoomBy(factor) {
  cy.zoom({ level: Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor)), renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}
document.getElementById("map").addEventListener("keydown", event => {
  const step = { ArrowRight: -1, ArrowDown: -1, ArrowLeft: 1, ArrowUp: 1 }[event.key];
  if (step !== undefined) {
    const visible = around.filter(index => state.families.has(JOBS[index].family));
    const at = state.focused === null ? (step > 0 ? -1 : 0) : visible.indexOf(state.focused);
    state.focused = visible[(at + step + visible.length) % visible.length];
    const position = node(state.focused).renderedPosition();
    if (position.x < 0 || position.y < 0 || position.x > cy.width() || position.y > cy.height()) bringToCentre(state.focused);
    redraw();
  } else if (event.key === "Enter" && state.focused !== null) {
    select(state.focused);
  } else if (event.key === "+" || event.key === "=") {
    zoomBy(1.5);
  } else if (event.key === "-") {
    zoomBy(1 / 1.5);
  } else if (event.key === "0") {
    fitView();
  } else {
    return;
  }
  event.preventDefault();
});
document.getElementById("zoom-in").addEventListener("click", () => zoomBy(1.5));
document.getElementById("zoom-out").addEventListener("click", () => zoomBy(1 / 1.5));
document.getElementById("zoom-fit").addEventListener("click", fitView);
window.addEventListener("resize", () => { cy.resize(); fitView(); });  // the whole map again, in the new size
document.getElementById("panel-toggle").addEventListener("click", () => {  // the panel as a drawer
  const side = document.getElementById("side"), open = side.classList.toggle("closed");
  document.getElementById("panel-toggle").setAttribute("aria-expanded", String(!open));
  cy.resize();
  fitView();
});

for (const item of document.querySelectorAll("[data-ui]")) item.textContent = say(item.dataset.ui);
for (const item of document.querySelectorAll("[data-ui-placeholder]")) item.placeholder = say(item.dataset.uiPlaceholder);
for (const item of document.querySelectorAll("[data-ui-aria-label]")) item.setAttribute("aria-label", say(item.dataset.uiAriaLabel));
for (const item of document.querySelectorAll("[data-ui-title]")) item.title = say(item.dataset.uiTitle);
document.getElementById("heading").textContent = DATA.title;
document.getElementById("credit").textContent = DATA.credit;
document.getElementById("renderer").textContent = DATA.renderer;
document.getElementById("search").addEventListener("input", search);
filters();
routeForm();
fitView();
redraw();
window.carrieres = { cy, findRoutes, resolveName, fitLabels, jobs: JOBS };
})();
