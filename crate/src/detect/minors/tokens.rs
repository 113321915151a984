//! Words of a draft with what the minors detector needs to know about each:
//! its lexicon flags, whether it starts a sentence, its line; and the lines
//! themselves, sorted into greeting, signature, mail headers and body.

use super::lexicon::{self, Lexicon};
use crate::text::Document;
use std::ops::Range;

/// A word of the `norm` view.
#[derive(Debug, Clone)]
pub struct Tok {
    /// Byte range in the `norm` view.
    pub start: usize,
    pub end: usize,
    /// Folded key (possessive `'s` stripped) as a range of [`Tokens::arena`].
    key: Range<usize>,
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

pub struct Tokens {
    pub toks: Vec<Tok>,
    arena: String,
    pub lines: Vec<Line>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl Tokens {
    pub fn new(doc: &Document<'_>, lex: &Lexicon) -> Tokens {
        let norm = doc.norm.text.as_str();
        let mut toks: Vec<Tok> = Vec::with_capacity(norm.len() / 6 + 1);
        let mut arena = String::with_capacity(norm.len() + 16);
        let mut line = 0usize;
        let mut sentence_open = true;
        let mut chars = norm.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if !is_word_char(c) {
                match c {
                    '\n' => {
                        line += 1;
                        sentence_open = true;
                    }
                    '.' | '!' | '?' | ':' | ';' | '…' | '•' => sentence_open = true,
                    _ => {}
                }
                continue;
            }
            let mut end = at + c.len_utf8();
            let mut has_digit = c.is_numeric();
            let mut alpha = c.is_alphabetic();
            loop {
                match chars.peek().copied() {
                    Some((i, n)) if is_word_char(n) => {
                        has_digit |= n.is_numeric();
                        alpha &= n.is_alphabetic();
                        end = i + n.len_utf8();
                        chars.next();
                    }
                    // An apostrophe between letters stays in the word: "ib'er", "zara's".
                    Some((i, '\''))
                        if norm[i + 1..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphabetic) =>
                    {
                        end = i + 1;
                        chars.next();
                    }
                    _ => break,
                }
            }
            let word = &norm[at..end];
            let (base, poss) = match word.strip_suffix("'s") {
                Some(b) if !b.is_empty() => (b, true),
                _ => (word, false),
            };
            let key_start = arena.len();
            if base.is_ascii() {
                arena.push_str(base);
            } else {
                crate::policy::consent::fold_into(base, &mut arena);
            }
            let key = key_start..arena.len();
            let flags = lex.flags(&arena[key.clone()]);
            toks.push(Tok {
                start: at,
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
            toks,
            arena,
            lines: Vec::new(),
        };
        tokens.join_spaced_letters(norm, lex);
        tokens.lines = tokens.build_lines(norm, line + 1);
        tokens.classify_lines(doc, lex);
        tokens
    }

    pub fn key(&self, i: usize) -> &str {
        &self.arena[self.toks[i].key.clone()]
    }

    /// The `norm` text between token `i - 1` and token `i` (from the line start for the first).
    pub fn gap_before<'n>(&self, norm: &'n str, i: usize) -> &'n str {
        let start = if i == 0 { 0 } else { self.toks[i - 1].end };
        &norm[start..self.toks[i].start]
    }

    /// Joins spaced-out letters ("Y a r a", "L.i.n.a") when they spell a first name.
    fn join_spaced_letters(&mut self, norm: &str, lex: &Lexicon) {
        let n = self.toks.len();
        let single = |t: &Tok| t.alpha && norm[t.start..t.end].chars().count() == 1;
        let mut i = 0;
        let mut out: Option<Vec<Tok>> = None;
        while i < n {
            let mut j = i;
            let mut sep: Option<&str> = None;
            if single(&self.toks[i]) {
                while j + 1 < n
                    && single(&self.toks[j + 1])
                    && self.toks[j + 1].line == self.toks[i].line
                {
                    let gap = &norm[self.toks[j].end..self.toks[j + 1].start];
                    let ok_gap = gap.len() == 1 && matches!(gap, " " | "." | "-" | "_" | "*");
                    if !ok_gap || sep.is_some_and(|s| s != gap) {
                        break;
                    }
                    sep = Some(gap);
                    j += 1;
                }
            }
            if j - i + 1 >= 3 {
                let mut letters = String::new();
                for t in &self.toks[i..=j] {
                    letters.push_str(&self.arena[t.key.clone()]);
                }
                let flags = lex.flags(&letters);
                if flags & lexicon::NAME != 0 {
                    let out = out.get_or_insert_with(|| self.toks[..i].to_vec());
                    let key_start = self.arena.len();
                    self.arena.push_str(&letters);
                    let first = &self.toks[i];
                    out.push(Tok {
                        start: first.start,
                        end: self.toks[j].end,
                        key: key_start..self.arena.len(),
                        flags,
                        line: first.line,
                        sent_start: first.sent_start,
                        poss: false,
                        has_digit: false,
                        alpha: true,
                        joined: true,
                    });
                    i = j + 1;
                    continue;
                }
            }
            if let Some(out) = out.as_mut() {
                out.push(self.toks[i].clone());
            }
            i += 1;
        }
        if let Some(out) = out {
            self.toks = out;
        }
    }

    fn build_lines(&self, norm: &str, count: usize) -> Vec<Line> {
        let mut lines = Vec::with_capacity(count);
        let mut start = 0;
        let mut tok = 0;
        for (no, part) in norm.split('\n').enumerate() {
            let end = start + part.len();
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

    /// A word typed in capitals only ("CLB", "NOAH"): an acronym, not a name.
    pub fn all_caps(&self, doc: &Document<'_>, i: usize) -> bool {
        let t = &self.toks[i];
        let o = doc.norm_to_original(t.start..t.end);
        let s = &doc.original[o];
        s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !s.chars().any(char::is_lowercase)
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
            let first_key = self.key(first).to_string();
            let after_first = &norm[self.toks[first].end..line.range.end];
            let ends_colon = text.ends_with(':');
            let kind = if matches!(
                first_key.as_str(),
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
            } else if text.contains("oorspronkelijk bericht")
                || text.contains("original message")
                || text.contains("doorgestuurd bericht")
                || text.contains("forwarded message")
            {
                LineKind::Header
            } else if let Some(_n) = {
                let words: Vec<&str> = toks.clone().take(6).map(|i| self.key(i)).collect();
                lex.closing_len(&words)
            }
            .filter(|&n| {
                let rest = toks.start + n..toks.end;
                rest.is_empty() || self.names_only(doc, rest, 4)
            }) {
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
