//! Byte offsets (Rust) to UTF-16 code-unit offsets (JavaScript).

/// Converts ascending byte offsets of one text to UTF-16 offsets in one pass.
pub struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    utf16: usize,
}

impl<'a> Utf16Cursor<'a> {
    pub fn new(text: &'a str) -> Self {
        Utf16Cursor {
            text,
            byte: 0,
            utf16: 0,
        }
    }

    /// UTF-16 offset of byte offset `at` (a character boundary). Calls with a
    /// smaller offset than the previous one restart from the beginning.
    pub fn to_utf16(&mut self, at: usize) -> usize {
        if at < self.byte {
            self.byte = 0;
            self.utf16 = 0;
        }
        self.utf16 += utf16_len(&self.text[self.byte..at]);
        self.byte = at;
        self.utf16
    }
}

/// Length of `s` in UTF-16 code units, counted on bytes: every character
/// starts with one non-continuation byte, and the four-byte ones (lead byte
/// `0xF0` or above) take two units.
pub fn utf16_len(s: &str) -> usize {
    s.bytes()
        .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// Byte offset of UTF-16 offset `at` in `text`, or `None` if it is out of range
/// or splits a surrogate pair.
pub fn byte_offset(text: &str, at: usize) -> Option<usize> {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units == at {
            return Some(i);
        }
        units += c.len_utf16();
        if units > at {
            return None;
        }
    }
    (units == at).then_some(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_surrogate_pairs() {
        let t = "a😀é b";
        let mut c = Utf16Cursor::new(t);
        assert_eq!(c.to_utf16(1), 1);
        assert_eq!(c.to_utf16(5), 3);
        assert_eq!(c.to_utf16(7), 4);
        assert_eq!(c.to_utf16(t.len()), 6);
        assert_eq!(byte_offset(t, 3), Some(5));
        assert_eq!(byte_offset(t, 2), None);
    }

    #[test]
    fn length_on_bytes_equals_length_on_characters() {
        for s in [
            "",
            "abc",
            "é",
            "😀",
            "a😀é b",
            "€ 12,-",
            "\u{10FFFF}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}",
        ] {
            assert_eq!(utf16_len(s), s.encode_utf16().count(), "{s:?}");
        }
    }
}
