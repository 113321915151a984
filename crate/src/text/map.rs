//! Offset maps between a derived text (a "view") and the text it came from.
//!
//! A view is built one source character at a time. Most characters come out
//! byte-for-byte the same length (ASCII lower-casing, accented letters), so the
//! map stores only *break points*: places where the identity run is broken by
//! a deleted, inserted or resized character. Lookups are a binary search. This
//! keeps a 10 MB draft from costing 40 MB of map per view.

use std::ops::Range;

/// Maps byte offsets of a view back to byte offsets of its source text.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// `(view_offset, source_offset)`, sorted by view offset, then source offset.
    points: Vec<(usize, usize)>,
}

impl OffsetMap {
    pub fn new() -> Self {
        OffsetMap {
            points: vec![(0, 0)],
        }
    }

    fn predicted(&self, view: usize) -> usize {
        let &(v, s) = self.points.last().expect("map starts with (0, 0)");
        s + (view - v)
    }

    /// Record that `view_len` bytes at `view_at` came from `source_len` bytes at `source_at`.
    /// Calls must come in increasing order of both offsets.
    pub fn push(&mut self, view_at: usize, view_len: usize, source_at: usize, source_len: usize) {
        let identity = view_len == source_len && self.predicted(view_at) == source_at;
        if identity {
            return;
        }
        // A run of deleted characters (zero-width spaces, soft hyphens) needs only
        // the points at its two ends: extend the run instead of adding two points
        // per character, which made a draft of invisible characters cost 11× its
        // size in map.
        if view_len == 0 {
            if let [.., (v0, _), (v1, s1)] = self.points[..] {
                if v0 == view_at && v1 == view_at && s1 == source_at {
                    let last = self.points.len() - 1;
                    self.points[last].1 = source_at + source_len;
                    return;
                }
            }
        }
        if self.predicted(view_at) != source_at || view_len == 0 {
            self.points.push((view_at, source_at));
        }
        self.points
            .push((view_at + view_len, source_at + source_len));
    }

    /// Source offset where the character at view offset `view` starts.
    pub fn start(&self, view: usize) -> usize {
        // Last point at or before `view`.
        let i = self.points.partition_point(|&(v, _)| v <= view) - 1;
        let (v, s) = self.points[i];
        s + (view - v)
    }

    /// Source offset where a range ending at view offset `view` ends.
    /// Characters deleted right after the range (zero-width spaces) stay outside it.
    pub fn end(&self, view: usize) -> usize {
        let i = self.points.partition_point(|&(v, _)| v < view);
        if let Some(&(v, s)) = self.points.get(i) {
            if v == view {
                return s;
            }
        }
        let (v, s) = self.points[i - 1];
        s + (view - v)
    }

    /// View offset of the first view character produced at or after source offset `source`.
    pub fn from_source(&self, source: usize) -> usize {
        let i = self.points.partition_point(|&(_, s)| s <= source) - 1;
        let (v, s) = self.points[i];
        // Inside a resized character the identity guess may overshoot the next point.
        let guess = v + (source - s);
        match self.points.get(i + 1) {
            Some(&(next_v, _)) if guess > next_v => next_v,
            _ => guess,
        }
    }

    pub fn range(&self, view: Range<usize>) -> Range<usize> {
        let start = self.start(view.start);
        let end = self.end(view.end).max(start);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_needs_no_points() {
        let mut m = OffsetMap::new();
        for i in 0..10 {
            m.push(i, 1, i, 1);
        }
        assert_eq!(m.points.len(), 1);
        assert_eq!(m.range(2..5), 2..5);
    }

    #[test]
    fn deleted_character_stays_outside_ranges() {
        // source "ab\u{200B}cd" (zero-width space is 3 bytes) -> view "abcd"
        let mut m = OffsetMap::new();
        m.push(0, 1, 0, 1);
        m.push(1, 1, 1, 1);
        m.push(2, 0, 2, 3);
        m.push(2, 1, 5, 1);
        m.push(3, 1, 6, 1);
        assert_eq!(m.range(0..2), 0..2);
        assert_eq!(m.range(2..4), 5..7);
        assert_eq!(m.range(0..4), 0..7);
        assert_eq!(m.from_source(5), 2);
    }

    #[test]
    fn a_run_of_deleted_characters_keeps_two_points() {
        // source "a" + 1000 × U+200B + "b" -> view "ab"
        let mut m = OffsetMap::new();
        m.push(0, 1, 0, 1);
        for i in 0..1000 {
            m.push(1, 0, 1 + 3 * i, 3);
        }
        m.push(1, 1, 3001, 1);
        assert!(m.points.len() <= 4, "{:?}", m.points.len());
        assert_eq!(m.range(0..1), 0..1);
        assert_eq!(m.range(1..2), 3001..3002);
        assert_eq!(m.range(0..2), 0..3002);
        assert_eq!(m.from_source(1), 1);
        assert_eq!(m.from_source(1500), 1);
        assert_eq!(m.from_source(3001), 1);
    }

    #[test]
    fn a_deletion_right_after_a_resized_character_stays_outside_it() {
        // source "\u{00A0}\u{200B}b" (nbsp 2 bytes, zwsp 3) -> view " b"
        let mut m = OffsetMap::new();
        m.push(0, 1, 0, 2);
        m.push(1, 0, 2, 3);
        m.push(1, 0, 5, 3);
        m.push(1, 1, 8, 1);
        assert_eq!(m.range(0..1), 0..2);
        assert_eq!(m.range(1..2), 8..9);
    }

    #[test]
    fn resized_character() {
        // source "a\u{00A0}b" (nbsp is 2 bytes) -> view "a b"
        let mut m = OffsetMap::new();
        m.push(0, 1, 0, 1);
        m.push(1, 1, 1, 2);
        m.push(2, 1, 3, 1);
        assert_eq!(m.range(1..2), 1..3);
        assert_eq!(m.range(2..3), 3..4);
        assert_eq!(m.from_source(3), 2);
    }
}
