//! Offensive language (R6): when a word from `offensive.txt` is an insult.
//!
//! Strong insults, slurs, threats and sexual remarks count wherever they
//! stand. Words that are also ordinary words count only in an insulting
//! frame: `~heks` in "die heks" or "is echt een heks" (not "verkleed als
//! heks"), `~~koe` only in "domme koe" or "is een koe" (not "die koe op de
//! kinderboerderij"). Curses built on diseases (`kanker+`) count as the first
//! part of a compound (`kankerjoch`, `kanker-leraar`) unless the compound is a
//! medical word listed as a look-alike (`-kankerpatiënt*`); "zijn moeder heeft
//! kanker" stays medical.

use super::lexicon::{Entry, Found, SentenceView, Strength};
use super::morphology::Role;
use super::person::{bit, Context, Sentence};

/// Whether an offensive match counts. `excluded` tells whether a word (or a
/// hyphenated compound joined into one word) is a listed look-alike.
pub fn counts(
    ctx: &Context,
    s: &Sentence<'_>,
    f: &Found,
    entry: &Entry,
    excluded: &dyn Fn(&str) -> bool,
) -> bool {
    if entry.curse {
        return curse(ctx, s, f, excluded);
    }
    match entry.strength {
        Strength::Strong | Strength::Normal => true,
        Strength::Weak => frame(s, f, true),
        Strength::Weaker => frame(s, f, false),
    }
}

/// A curse as the first part of a compound: `kankerjoch`, `kanker-leraar`.
fn curse(ctx: &Context, s: &Sentence<'_>, f: &Found, excluded: &dyn Fn(&str) -> bool) -> bool {
    let word = s.text(f.anchor);
    // A campaign, fund or study about the disease: `kankerfonds`,
    // `kanker-awareness`, `Kom op tegen Kanker-actie`.
    let topic = |rest: &str| {
        let bare = rest.trim_start_matches(['s', '-']);
        // "tyfusdag", "kankerweek" are curses (Wereldkankerdag is no compound start).
        if matches!(bare, "dag" | "dagen" | "week" | "weken" | "day" | "days") {
            return false;
        }
        (ctx.flags(rest) | ctx.flags(bare)) & (bit::TOPIC | bit::TOPIC_HEAD) != 0
    };
    match f.role {
        Role::Modifier => {
            let rest = s.doc.keys.text.get(f.rest.clone()).unwrap_or("");
            !excluded(word) && !topic(rest)
        }
        Role::Whole => {
            // Hyphenated: the next word is the rest of the compound.
            if f.anchor + 1 >= s.words().len() || s.gap_after(f.anchor) != "-" {
                return false;
            }
            let joined = format!("{word}{}", s.text(f.anchor + 1));
            !excluded(&joined) && !topic(s.text(f.anchor + 1))
        }
        _ => false,
    }
}

/// An insulting frame before the match: an insulting adjective ("domme koe",
/// "vuile racist"), a demonstrative ("die heks", "ne hypocriet", "you idiot"
/// — only when `demonstrative` is allowed), or "is (echt) een …" / "wat een …".
fn frame(s: &Sentence<'_>, f: &Found, demonstrative: bool) -> bool {
    let mut j = f.first;
    let mut adjective = false;
    let mut skipped = 0;
    while j > 0 && skipped < 3 && !s.clause_ends_after(j - 1) {
        let f = s.f(j - 1);
        if f & bit::INSULT_ADJ != 0 {
            adjective = true;
        } else if f & bit::INTENSIFIER == 0 {
            break;
        }
        j -= 1;
        skipped += 1;
    }
    if adjective {
        return true;
    }
    if j == 0 || s.clause_ends_after(j - 1) {
        return false;
    }
    let d = s.text(j - 1);
    if demonstrative && s.f(j - 1) & bit::INSULT_DET != 0 {
        return true;
    }
    if matches!(d, "een" | "'n" | "a" | "an" | "ne" | "nen") {
        for k in 2..=4 {
            let Some(i) = j.checked_sub(k) else { break };
            if s.clause_ends_after(i) {
                break;
            }
            if s.f(i) & bit::COPULA != 0 {
                return true;
            }
        }
    }
    false
}
