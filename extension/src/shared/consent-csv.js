// The consent register's CSV import, for the options page:
// parseConsentCsv(text) → { entries: [{name, consent, class?}], errors: [{line, message}] }.
// Until the core's wasm export `parseConsentCsv` lands this is a JavaScript
// port of crate/src/policy/consent.rs `parse_csv` (same columns, separators
// and consent words) that reports every bad row instead of the first; it
// has the same shape, so the switch is one import.
//
// Accepted: semicolon-, comma- or tab-separated; a header naming the columns
// (naam;toestemming;klas, name,consent,class, voornaam;tussenvoegsel;achternaam;…);
// consent as ja/nee, yes/no, j/n, y/n, 1/0, true/false, waar/onwaar; BOM, CRLF,
// quoted fields and blank lines. Without a header: name, consent, class.

const fold = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/@/g, '')
    .split(/[\s_]+/)
    .filter(Boolean)
    .join(' ');

const YES = new Set(['ja', 'j', 'yes', 'y', '1', 'true', 'waar', 'wel', 'x', 'akkoord', 'ok']);
const NO = new Set(['nee', 'n', 'neen', 'no', '0', 'false', 'onwaar', 'niet', 'geen']);

function consentValue(v) {
  const f = fold(v).replace(/^[.!]+|[.!]+$/g, '');
  return YES.has(f) ? true : NO.has(f) ? false : null;
}

function detectSeparator(header) {
  const count = (c) => header.split(c).length - 1;
  let best = ';';
  let n = 0;
  for (const c of [';', '\t', ',']) if (count(c) > n) [best, n] = [c, count(c)];
  return best;
}

function splitRow(line, sep) {
  const fields = [];
  let field = '';
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && atStart) {
      quoted = true;
      atStart = false;
    } else if (c === sep) {
      fields.push(field);
      field = '';
      atStart = true;
    } else {
      if (!/\s/.test(c)) atStart = false;
      field += c;
    }
  }
  if (quoted) throw new Error('a quoted field is not closed (a `"` is missing)');
  fields.push(field);
  return fields;
}

const NAME = new Set(['naam', 'name', 'leerling', 'kind', 'volledige naam', 'full name', 'student', 'pupil', 'naam leerling', 'leerlingnaam', 'roepnaam en achternaam']);
const FIRST = new Set(['voornaam', 'roepnaam', 'first name', 'firstname', 'given name']);
const INFIX = new Set(['tussenvoegsel', 'tussenvoegsels', 'voorvoegsel']);
const LAST = new Set(['achternaam', 'familienaam', 'last name', 'lastname', 'surname', 'family name']);
const CLASS = new Set(['klas', 'class', 'groep', 'group', 'leerjaar', 'grade', 'jaar', 'year']);
const CONSENT = /^(toestemming|consent|akkoord|foto|beeld|publicatie|permission)/;

function columnsFrom(header) {
  const cols = {};
  header.forEach((f, i) => {
    const h = fold(f).replace(/[-_]/g, ' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const set = (k) => (cols[k] ??= i);
    if (NAME.has(h)) set('name');
    else if (FIRST.has(h)) set('first');
    else if (INFIX.has(h)) set('infix');
    else if (LAST.has(h)) set('last');
    else if (CLASS.has(h)) set('class');
    else if (CONSENT.test(h)) set('consent');
  });
  if (cols.consent == null || (cols.name == null && cols.first == null)) return null;
  return cols;
}

function entry(cols, fields) {
  const get = (i) => (i == null ? '' : (fields[i] ?? '').trim());
  const raw = cols.name != null ? get(cols.name) : [get(cols.first), get(cols.infix), get(cols.last)].filter(Boolean).join(' ');
  const name = raw.split(/\s+/).filter(Boolean).join(' ');
  if (!name) throw new Error('the name is empty');
  if (fields.length <= cols.consent) {
    throw new Error(`missing the consent column (found ${fields.length} field${fields.length === 1 ? '' : 's'}; is the separator right?)`);
  }
  const v = get(cols.consent);
  const consent = consentValue(v);
  if (consent == null) {
    throw new Error(v ? `\`${v}\` is not a consent value for \`${name}\`; use ja/nee, yes/no, j/n, 1/0 or true/false` : `no consent value for \`${name}\`; write ja or nee`);
  }
  const c = get(cols.class);
  return c ? { name, consent, class: c } : { name, consent };
}

export function parseConsentCsv(text) {
  const entries = [];
  const errors = [];
  const lines = String(text)
    .replace(/^\ufeff/, '')
    .split('\n')
    .map((l, i) => [i + 1, l.replace(/\r$/, '')])
    .filter(([, l]) => l.trim());
  if (!lines.length) return { entries, errors: [{ line: 1, message: 'the file is empty; expected a header such as `naam;toestemming;klas`' }] };
  const [firstNo, first] = lines[0];
  const sep = detectSeparator(first);
  let cols;
  let rows = lines;
  try {
    cols = columnsFrom(splitRow(first, sep));
  } catch (e) {
    return { entries, errors: [{ line: firstNo, message: e.message }] };
  }
  if (cols) rows = lines.slice(1);
  else cols = { name: 0, consent: 1, class: 2 };
  for (const [no, line] of rows) {
    try {
      const fields = splitRow(line, sep);
      if (fields.every((f) => !f.trim())) continue;
      entries.push(entry(cols, fields));
    } catch (e) {
      errors.push({ line: no, message: e.message });
    }
  }
  return { entries, errors };
}
