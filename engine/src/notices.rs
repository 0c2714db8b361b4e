//! Warnings meant for the person using the app, not only for its
//! developer: a file brook could not use and set aside, a save that failed.
//!
//! [`report`] writes the warning to the `log` (target `brook`) and keeps it
//! here; the window shows each one once, at the top of the page, until the
//! person dismisses it. Warnings are kept process-wide (a cache file is
//! shared by every window), the last [`KEPT`] of them, and the same text is
//! reported once while it is kept.

use std::collections::VecDeque;

use parking_lot::Mutex;

/// How many warnings are kept for windows that have not shown them yet.
pub const KEPT: usize = 64;

/// The longest text [`shorten`] leaves whole, in characters.
pub const MAX_DETAIL_CHARS: usize = 240;

/// One warning for the person, numbered in the order reported (from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Its number: later warnings have larger ones.
    pub seq: u64,
    /// The text, one or two sentences.
    pub message: String,
}

struct Feed {
    next: u64,
    kept: VecDeque<Notice>,
}

static FEED: Mutex<Feed> = Mutex::new(Feed {
    next: 1,
    kept: VecDeque::new(),
});

/// Reports a warning to the person: logged at `warn` level and shown in
/// the window. A text already reported (and still among the last
/// [`KEPT`]) is not reported again.
pub fn report(message: impl Into<String>) {
    let message = message.into();
    let mut feed = FEED.lock();
    if feed.kept.iter().any(|n| n.message == message) {
        return;
    }
    log::warn!(target: "brook", "{message}");
    let seq = feed.next;
    feed.next += 1;
    if feed.kept.len() >= KEPT {
        feed.kept.pop_front();
    }
    feed.kept.push_back(Notice { seq, message });
}

/// The warnings reported after number `after` (0 for all that are kept),
/// oldest first. A window remembers the last `seq` it showed.
pub fn since(after: u64) -> Vec<Notice> {
    FEED.lock()
        .kept
        .iter()
        .filter(|n| n.seq > after)
        .cloned()
        .collect()
}

/// `text` cut to at most [`MAX_DETAIL_CHARS`] characters, with `…` where it
/// was cut: for an error's text inside a warning (a parser's error can
/// quote the whole of a bad file).
pub fn shorten(text: &str) -> String {
    match text.char_indices().nth(MAX_DETAIL_CHARS) {
        None => text.to_owned(),
        Some((cut, _)) => format!("{}…", &text[..cut]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Issue 11, case 12
    #[test]
    fn a_long_text_is_cut_at_a_character_boundary() {
        let long = "é".repeat(1000);
        let short = shorten(&long);
        assert_eq!(short.chars().count(), MAX_DETAIL_CHARS + 1);
        assert!(short.ends_with('…'));
        assert_eq!(shorten("fine"), "fine");
    }

    // Issue 11, case 15
    #[test]
    fn the_same_warning_is_reported_once() {
        let text = "notices test: the same warning";
        report(text);
        report(text);
        let seen = since(0).iter().filter(|n| n.message == text).count();
        assert_eq!(seen, 1);
    }
}
