// "Your own password" (as Google's Password Alert did): the user registers
// their school password once in the options page; Kladwacht keeps only a
// random salt, a truncated SHA-256 of salt + password and the length. The
// password itself is never stored. A draft is checked by hashing only the
// candidate tokens of exactly that length: each whitespace-separated token,
// and the token without the punctuation or label around it ("wachtwoord:X",
// "(X).") — a few hashes per token at most, so linear in the draft.

const HASH_BYTES = 5; // 40 bits: enough to never fire by chance, too few to identify the password
const enc = new TextEncoder();

function hex(bytes) {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function digest(salt, secret) {
  const buf = await crypto.subtle.digest('SHA-256', enc.encode(`${salt}\u0000${secret}`));
  return hex(new Uint8Array(buf).slice(0, HASH_BYTES));
}

/** What is stored for `password`: { salt, hash, length }. */
export async function registerPassword(password) {
  if (typeof password !== 'string' || password.length < 4) throw new Error('password too short');
  const salt = hex(crypto.getRandomValues(new Uint8Array(16)));
  return { salt, hash: await digest(salt, password), length: password.length };
}

const LEAD = /^[("'“‘«[{<]+/;
const TRAIL = /[)"'”’»\]}>.,;:!?]+$/;
const LABEL = /^[^\s:=]{1,40}[:=]/;

/** Candidate substrings of `text` of `length` UTF-16 units: [{ start, end }] (no duplicates). */
export function candidates(text, length) {
  const out = [];
  const seen = new Set();
  const add = (start, end) => {
    if (end - start !== length) return;
    const key = `${start}:${end}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ start, end });
    }
  };
  const token = /\S+/g;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0].length < length) continue;
    add(start, end);
    // Without a label in front ("wachtwoord:X", "pw=X").
    const label = LABEL.exec(m[0]);
    const bodyStart = label ? start + label[0].length : start;
    const lead = LEAD.exec(text.slice(bodyStart, end))?.[0].length ?? 0;
    const trail = TRAIL.exec(text.slice(bodyStart + lead, end))?.[0].length ?? 0;
    for (const s of new Set([start, bodyStart, bodyStart + lead])) {
      add(s, end);
      // Trailing punctuation may be part of the password ("Zonnebloem7!"): try each cut.
      for (let t = 1; t <= trail; t += 1) add(s, end - t);
    }
  }
  return out;
}

/** Spans of `text` that are the registered password: [{ start, end }]. */
export async function findOwnPassword(text, registered) {
  if (!registered?.hash || !registered.length || text.length < registered.length) return [];
  const hits = [];
  for (const c of candidates(text, registered.length)) {
    if ((await digest(registered.salt, text.slice(c.start, c.end))) === registered.hash) hits.push(c);
  }
  return hits;
}
