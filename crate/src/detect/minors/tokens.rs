//! Words of a draft with what the minors detector needs to know about each:
//! its lexicon flags, whether it starts a sentence, its line; and the lines
//! themselves, sorted into greeting, signature, mail headers and body.

use super::lexicon::{self, Lexicon};
use crate::text::Document;
use std::ops::Range;

/// Where a word's folded key is: in the `norm` view itself (plain ASCII) or in the arena.
#[derive(Debug, Clone, Copy)]
enum Key {
    Norm(u32, u32),
    Arena(u32, u32),
}

/// A word of the `norm` view.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Byte range in the `norm` view.
    pub start: usize,
    pub end: usize,
    /// Folded key (possessive `'s` stripped).
    key: Key,
    pub flags: u32,
    pub line: usize,
    /// First word of a sentence (or of a line): a capital there is no evidence.
    pub sent_start: bool,
    /// Written with a possessive `'s` ("Zara's").
    pub poss: bool,
    pub has_digit: bool,
    pub alpha: bool,
    /// A run of spaced-out letters joined into one word ("Y a r a").
    pub joined: bool,
}

impl Tok {
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Body,
    /// "Beste Tom," / "Hoi Erik en Hanneke," / a bare "Mathis," first line.
    Salutation,
    /// "Met vriendelijke groet," or "Groet, Anja".
    Closing,
    /// Name, role and school under a closing, or a lone name at the end.
    Signature,
    /// "Van: …", "Aan: …", "From: …" in a quoted thread.
    Header,
    /// "Op … schreef Ellen Brouwer <…>:" / "On …, Tom Gallagher wrote:".
    Attribution,
}

#[derive(Debug, Clone)]
pub struct Line {
    /// Byte range in the `norm` view (without the line break).
    pub range: Range<usize>,
    /// Token indices on this line.
    pub toks: Range<usize>,
    pub kind: LineKind,
}

pub struct Tokens<'a> {
    norm: &'a str,
    pub toks: Vec<Tok>,
    arena: String,
    pub lines: Vec<Line>,
}

const NONE: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const LINE: u8 = 3;
const STOP: u8 = 4;

/// What each ASCII byte is to the tokenizer.
const ASCII: [u8; 128] = {
    let mut t = [NONE; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphabetic() {
            LETTER
        } else if b.is_ascii_digit() {
            DIGIT
        } else if b == b'\n' {
            LINE
        } else if matches!(b, b'.' | b'!' | b'?' | b':' | b';') {
            STOP
        } else {
            NONE
        };
        i += 1;
    }
    t
};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl<'a> Tokens<'a> {
    pub fn new(doc: &'a Document<'_>, lex: &Lexicon) -> Tokens<'a> {
        let norm = doc.norm.text.as_str();
        let bytes = norm.as_bytes();
        let mut toks: Vec<Tok> = Vec::with_capacity(norm.len() / 6 + 1);
        // Folded keys of words with accents; plain ASCII words are keyed by their `norm` text.
        let mut arena = String::new();
        // Where each line break is, for `build_lines` (no second pass over the text).
        let mut breaks: Vec<usize> = Vec::new();
        let mut line = 0usize;
        let mut sentence_open = true;
        let mut at = 0usize;
        // The character at `i` and its length (ASCII fast path).
        let char_at = |i: usize| -> (char, usize) {
            let b = bytes[i];
            if b < 0x80 {
                (b as char, 1)
            } else {
                let c = norm[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            }
        };
        while at < bytes.len() {
            let b = bytes[at];
            // ASCII fast path: one table lookup per byte.
            let (c, len) = if b < 0x80 {
                match ASCII[b as usize] {
                    NONE => {
                        at += 1;
                        continue;
                    }
                    LINE => {
                        breaks.push(at);
                        line += 1;
                        sentence_open = true;
                        at += 1;
                        continue;
                    }
                    STOP => {
                        sentence_open = true;
                        at += 1;
                        continue;
                    }
                    _ => (b as char, 1),
                }
            } else {
                let (c, len) = char_at(at);
                if !is_word_char(c) {
                    if matches!(c, '…' | '•') {
                        sentence_open = true;
                    }
                    at += len;
                    continue;
                }
                (c, len)
            };
            let start = at;
            let mut ascii = len == 1;
            let mut has_digit = c.is_numeric();
            let mut alpha = c.is_alphabetic();
            at += len;
            while at < bytes.len() {
                let b = bytes[at];
                if b < 0x80 {
                    match ASCII[b as usize] {
                        LETTER => at += 1,
                        DIGIT => {
                            has_digit = true;
                            alpha = false;
                            at += 1;
                        }
                        // An apostrophe between letters stays in the word: "ib'er", "zara's".
                        _ if b == b'\''
                            && at + 1 < bytes.len()
                            && char_at(at + 1).0.is_alphabetic() =>
                        {
                            at += 1
                        }
                        _ => break,
                    }
                    continue;
                }
                let (n, l) = char_at(at);
                if !is_word_char(n) {
                    break;
                }
                has_digit |= n.is_numeric();
                alpha &= n.is_alphabetic();
                ascii = false;
                at += l;
            }
            let end = at;
            // Bytes, not `str` slices: no char-boundary checks for every word.
            let word = &bytes[start..end];
            let poss = word.len() > 2 && word.ends_with(b"'s");
            let key_end = if poss { end - 2 } else { end };
            let key = if ascii {
                Key::Norm(start as u32, key_end as u32)
            } else {
                let k = arena.len();
                crate::policy::consent::fold_into(&norm[start..key_end], &mut arena);
                Key::Arena(k as u32, arena.len() as u32)
            };
            let flags = if has_digit {
                0 // no listed word has a digit
            } else {
                match key {
                    Key::Norm(s, e) => lex.flags_of_bytes(&bytes[s as usize..e as usize]),
                    Key::Arena(s, e) => lex.flags(&arena[s as usize..e as usize]),
                }
            };
            toks.push(Tok {
                start,
                end,
                key,
                flags,
                line,
                sent_start: sentence_open,
                poss,
                has_digit,
                alpha,
                joined: false,
            });
            sentence_open = false;
        }
        let mut tokens = Tokens {
            norm,
            toks,
            arena,
            lines: Vec::new(),
        };
        tokens.join_spaced_letters(norm, lex);
        tokens.lines = tokens.build_lines(norm.len(), &breaks);
        tokens.classify_lines(doc, lex);
        tokens
    }

    pub fn key(&self, i: usize) -> &str {
        match self.toks[i].key {
            Key::Norm(s, e) => &self.norm[s as usize..e as usize],
            Key::Arena(s, e) => &self.arena[s as usize..e as usize],
        }
    }

    /// The `norm` text between token `i - 1` and token `i` (from the line start for the first).
    pub fn gap_before<'n>(&self, norm: &'n str, i: usize) -> &'n str {
        let start = if i == 0 { 0 } else { self.toks[i - 1].end };
        &norm[start..self.toks[i].start]
    }

    /// Joins spaced-out letters ("Y a r a", "L.i.n.a") when they spell a first name.
    fn join_spaced_letters(&mut self, norm: &str, lex: &Lexicon) {
        let n = self.toks.len();
        let single = |t: &Tok| {
            t.alpha
                && (t.end - t.start == 1
                    || t.end - t.start <= 4 && norm[t.start..t.end].chars().count() == 1)
        };
        // (first, last, joined token) of each run that spells a name
        let mut runs: Vec<(usize, usize, Tok)> = Vec::new();
        let mut letters = String::new();
        let mut i = 0;
        while i < n {
            if !single(&self.toks[i]) {
                i += 1;
                continue;
            }
            let mut j = i;
            let mut sep: Option<&str> = None;
            while j + 1 < n
                && single(&self.toks[j + 1])
                && self.toks[j + 1].line == self.toks[i].line
            {
                let gap = &norm[self.toks[j].end..self.toks[j + 1].start];
                if !matches!(gap, " " | "." | "-" | "_" | "*") || sep.is_some_and(|s| s != gap) {
                    break;
                }
                sep = Some(gap);
                j += 1;
            }
            if j >= i + 2 {
                letters.clear();
                for k in i..=j {
                    letters.push_str(self.key(k));
                }
                let flags = lex.flags(&letters);
                if flags & lexicon::NAME != 0 {
                    let key_start = self.arena.len() as u32;
                    self.arena.push_str(&letters);
                    let mut joined = self.toks[i];
                    joined.end = self.toks[j].end;
                    joined.key = Key::Arena(key_start, self.arena.len() as u32);
                    joined.flags = flags;
                    joined.joined = true;
                    runs.push((i, j, joined));
                }
            }
            i = j + 1;
        }
        // Each run becomes its joined token, in place: the words before the
        // first run stay where they are, the rest shift down.
        let Some(&(mut write, _, _)) = runs.first() else {
            return;
        };
        let mut from = write;
        for (i, j, joined) in runs {
            self.toks.copy_within(from..i, write);
            write += i - from;
            self.toks[write] = joined;
            write += 1;
            from = j + 1;
        }
        self.toks.copy_within(from..n, write);
        self.toks.truncate(write + n - from);
    }

    /// Lines from the line breaks the tokenizer saw.
    fn build_lines(&self, len: usize, breaks: &[usize]) -> Vec<Line> {
        let mut lines = Vec::with_capacity(breaks.len() + 1);
        let mut start = 0;
        let mut tok = 0;
        for (no, &end) in breaks.iter().chain([&len]).enumerate() {
            let first = tok;
            while tok < self.toks.len() && self.toks[tok].line == no {
                tok += 1;
            }
            lines.push(Line {
                range: start..end,
                toks: first..tok,
                kind: LineKind::Body,
            });
            start = end + 1;
        }
        lines
    }

    fn capitalised(&self, doc: &Document<'_>, i: usize) -> bool {
        doc.is_capitalised(self.toks[i].start)
    }

    /// Whether a word whose first letter is a capital is typed in capitals
    /// only ("CLB", "NOAH"): an acronym, not a name. The caller has already
    /// checked the first letter, so only the next one or two are looked up.
    pub fn caps_after_first(&self, doc: &Document<'_>, i: usize) -> bool {
        // The first two or three letters tell: "CLB", "NOAH" (but "IJsbrand" is a name).
        let t = &self.toks[i];
        let word = &self.norm[t.start..t.end];
        let mut offsets = word
            .char_indices()
            .map(|(o, _)| t.start + o)
            .skip(1)
            .take(2);
        let Some(b) = offsets.next() else {
            return false;
        };
        doc.is_capitalised(b) && offsets.next().is_none_or(|c| doc.is_capitalised(c))
    }

    /// Short line of names only: capitalised words, titles, initials, particles.
    fn names_only(&self, doc: &Document<'_>, toks: Range<usize>, max: usize) -> bool {
        let count = toks.len();
        count >= 1
            && count <= max
            && toks.clone().all(|i| {
                let t = &self.toks[i];
                !t.has_digit
                    && (self.capitalised(doc, i)
                        || t.flags & (lexicon::TITLE | lexicon::PARTICLE | lexicon::ROLE) != 0)
            })
    }

    fn classify_lines(&mut self, doc: &Document<'_>, lex: &Lexicon) {
        let norm = doc.norm.text.as_str();
        let mut kinds = vec![LineKind::Body; self.lines.len()];
        let mut signature_left = 0usize;
        let mut blank_allowed = false;
        // Whether the current message (a quoted thread has several) has had a line yet.
        let mut first_content_seen = false;
        for l in 0..self.lines.len() {
            let line = &self.lines[l];
            let text =
                norm[line.range.clone()].trim_matches(|c: char| c.is_whitespace() || c == '>');
            let toks = line.toks.clone();
            if toks.is_empty() {
                if !text.is_empty() && text.chars().filter(|&c| c == '-' || c == '_').count() >= 3 {
                    // "-----Oorspronkelijk bericht-----" style separators have words; a bare rule has none.
                    first_content_seen = false;
                }
                if text.is_empty() && signature_left > 0 && !blank_allowed {
                    signature_left = 0;
                }
                blank_allowed = false;
                continue;
            }
            let first = toks.start;
            let first_key = self.key(first);
            let after_first = &norm[self.toks[first].end..line.range.end];
            let ends_colon = text.ends_with(':');
            let kind = if matches!(
                first_key,
                "van"
                    | "aan"
                    | "cc"
                    | "bcc"
                    | "from"
                    | "to"
                    | "verzonden"
                    | "sent"
                    | "datum"
                    | "date"
            ) && after_first.starts_with(':')
            {
                LineKind::Header
            } else if ends_colon
                && toks
                    .clone()
                    .any(|i| matches!(self.key(i), "schreef" | "wrote" | "ecrit" | "geschreven"))
            {
                LineKind::Attribution
            } else if matches!(
                first_key,
                "oorspronkelijk" | "original" | "doorgestuurd" | "forwarded" | "begin"
            ) && (text.starts_with(['-', '_']) || text.ends_with(['-', '_']))
            {
                LineKind::Header
            } else if let Some(_n) = (self.toks[first].flags & lexicon::CLOSING_START != 0)
                .then(|| {
                    let words: Vec<&str> = toks.clone().take(6).map(|i| self.key(i)).collect();
                    lex.closing_len(&words)
                })
                .flatten()
                .filter(|&n| {
                    let rest = toks.start + n..toks.end;
                    rest.is_empty() || self.names_only(doc, rest, 4)
                })
            {
                signature_left = 5;
                blank_allowed = true;
                kinds[l] = LineKind::Closing;
                first_content_seen = true;
                continue;
            } else if signature_left > 0 && toks.len() <= 10 && !text.ends_with(['.', '?', '!']) {
                signature_left -= 1;
                blank_allowed = false;
                LineKind::Signature
            } else if self.toks[first].flags & lexicon::SALUTATION != 0
                && toks.len() <= 8
                && (text.ends_with(',') || text.ends_with('!') || ends_colon || toks.len() <= 3)
                && toks.len() >= 2
                || !first_content_seen
                    && text.ends_with(',')
                    && self.names_only(doc, toks.clone(), 4)
            {
                LineKind::Salutation
            } else {
                LineKind::Body
            };
            if kind != LineKind::Signature {
                signature_left = 0;
            }
            if matches!(kind, LineKind::Header | LineKind::Attribution) {
                signature_left = 0;
                // The lone-name signature of the message that just ended.
                self.mark_last_line_signature(doc, &mut kinds, l);
            }
            kinds[l] = kind;
            first_content_seen = !matches!(kind, LineKind::Header | LineKind::Attribution);
        }
        self.mark_last_line_signature(doc, &mut kinds, self.lines.len());
        for (line, kind) in self.lines.iter_mut().zip(kinds) {
            line.kind = kind;
        }
    }

    /// The last non-empty line before `before`, when it is a short line of names
    /// and not the only line of its message, is a signature ("Anouk", "Mr. Verhelst").
    fn mark_last_line_signature(&self, doc: &Document<'_>, kinds: &mut [LineKind], before: usize) {
        let norm = doc.norm.text.as_str();
        let Some(last) = (0..before).rev().find(|&l| !self.lines[l].toks.is_empty()) else {
            return;
        };
        if kinds[last] != LineKind::Body {
            return;
        }
        let earlier = (0..last).rev().find(|&l| !self.lines[l].toks.is_empty());
        let Some(earlier) = earlier else { return };
        if matches!(kinds[earlier], LineKind::Header | LineKind::Attribution) {
            return;
        }
        let text = norm[self.lines[last].range.clone()].trim();
        if text.contains('(') || text.contains(':') {
            return;
        }
        if self.names_only(doc, self.lines[last].toks.clone(), 4) {
            kinds[last] = LineKind::Signature;
        }
    }
}
