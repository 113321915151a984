//! Overlap queries against many byte ranges in logarithmic time, so checking
//! every candidate of a huge draft against every range already taken stays
//! linear-logarithmic instead of quadratic.

use std::ops::Range;

/// Ranges sorted by start, with the running maximum of their ends.
#[derive(Debug, Default)]
pub(crate) struct Spans {
    starts: Vec<usize>,
    /// `max_end[i]`: the largest end among the first `i + 1` ranges.
    max_end: Vec<usize>,
}

impl Spans {
    pub(crate) fn new(mut ranges: Vec<Range<usize>>) -> Spans {
        ranges.sort_by_key(|r| r.start);
        let mut max = 0;
        let mut starts = Vec::with_capacity(ranges.len());
        let mut max_end = Vec::with_capacity(ranges.len());
        for r in ranges {
            max = max.max(r.end);
            starts.push(r.start);
            max_end.push(max);
        }
        Spans { starts, max_end }
    }

    /// Whether any range overlaps `r` (shares at least one byte with it):
    /// some range starts before `r.end` and ends after `r.start`.
    pub(crate) fn overlaps(&self, r: &Range<usize>) -> bool {
        let before_end = self.starts.partition_point(|&s| s < r.end);
        before_end > 0 && self.max_end[before_end - 1] > r.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_answer_as_a_linear_search() {
        let ranges = vec![10..20, 0..3, 15..16, 40..60, 41..42];
        let spans = Spans::new(ranges.clone());
        for s in 0..70 {
            for e in s..70 {
                let want = ranges.iter().any(|t| t.start < e && s < t.end);
                assert_eq!(spans.overlaps(&(s..e)), want, "{s}..{e}");
            }
        }
        assert!(!Spans::new(Vec::new()).overlaps(&(0..10)));
    }
}
