//! Fuzzy matching for the command palette: the query's characters must
//! appear in order; consecutive runs and word starts score higher.

/// A score for `text` against `query` (higher is better), or `None` when
/// the characters do not all appear in order. Case-insensitive.
pub fn score(query: &str, text: &str) -> Option<i64> {
    let query: Vec<char> = query
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if query.is_empty() {
        return Some(0);
    }
    let text: Vec<char> = text.to_lowercase().chars().collect();
    let mut score = 0i64;
    let mut position = 0usize;
    let mut previous: Option<usize> = None;
    for wanted in &query {
        let found = (position..text.len()).find(|&i| text[i] == *wanted)?;
        let word_start = found == 0 || !text[found - 1].is_alphanumeric();
        score += 1;
        if word_start {
            score += 8;
        }
        if previous == Some(found.wrapping_sub(1)) {
            score += 5;
        }
        // Gaps cost a little, so tighter matches win.
        score -= (found - position).min(10) as i64;
        previous = Some(found);
        position = found + 1;
    }
    // Shorter texts win ties: "logs" over "logs archives".
    Some(score * 100 - text.len() as i64)
}

/// The `limit` best of `items` for `query`, best first.
pub fn rank<'a, T>(
    query: &str,
    items: &'a [T],
    text: impl Fn(&T) -> &str,
    limit: usize,
) -> Vec<&'a T> {
    let mut scored: Vec<(i64, usize, &T)> = items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| score(query, text(item)).map(|s| (s, index, item)))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(limit)
        .map(|(_, _, item)| item)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsequences_match() {
        assert!(score("shp", "shop-api").is_some());
        assert!(score("api shop", "shop-api").is_none());
        assert!(score("SHOP", "shop-api logs").is_some());
        assert_eq!(score("", "x"), Some(0));
        assert!(score("xyz", "shop").is_none());
    }

    #[test]
    fn better_matches_rank_first() {
        let items = [
            "shop-web › Logs",
            "shop-api › Logs",
            "shop-api",
            "legacy-crm › Metrics",
        ];
        let ranked = rank("shop-api logs", &items, |s| s, 10);
        assert_eq!(*ranked[0], "shop-api › Logs");
        let ranked = rank("sa", &items, |s| s, 10);
        assert_eq!(*ranked[0], "shop-api");
        let ranked = rank("lcm", &items, |s| s, 10);
        assert_eq!(ranked.len(), 1);
    }
}
