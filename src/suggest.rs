//! "Did you mean ...?": the nearest known word to what was written.

/// The candidate closest to `written`, if it is close enough to be a likely typo.
pub fn nearest<'a>(written: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let written = written.trim().to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&written, c), *c))
        .filter(|(distance, c)| {
            *distance == 0
                || *distance <= (c.chars().count() / 3).max(1)
                || c.starts_with(written.as_str()) && written.len() >= 3
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn suggests_close_words_only() {
        let fields = ["title", "type", "date", "standards", "observer"];
        assert_eq!(nearest("standard", &fields), Some("standards"));
        assert_eq!(nearest("Title", &fields), Some("title"));
        assert_eq!(nearest("obsever", &fields), Some("observer"));
        assert_eq!(nearest("colour", &fields), None);
        assert_eq!(nearest("stand", &fields), Some("standards"));
    }
}
