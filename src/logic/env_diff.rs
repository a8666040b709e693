//! What a bulk edit of the environment changes: the variables the text
//! adds, changes and removes against those the app has, shown before
//! anything is sent.

/// One variable's change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added {
        name: String,
        value: String,
    },
    Changed {
        name: String,
        old: String,
        new: String,
    },
    Removed {
        name: String,
        old: String,
    },
}

impl Change {
    pub fn name(&self) -> &str {
        match self {
            Change::Added { name, .. }
            | Change::Changed { name, .. }
            | Change::Removed { name, .. } => name,
        }
    }
}

/// The changes, in name order, and how many variables stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnvDiff {
    pub changes: Vec<Change>,
    pub unchanged: usize,
}

impl EnvDiff {
    /// Between the app's variables and those of the text, both as
    /// `(name, value)`.
    pub fn between<'a>(
        current: impl IntoIterator<Item = (&'a str, &'a str)>,
        wanted: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> EnvDiff {
        let mut current: Vec<(&str, &str)> = current.into_iter().collect();
        let mut wanted: Vec<(&str, &str)> = wanted.into_iter().collect();
        current.sort_unstable();
        wanted.sort_unstable();
        let mut diff = EnvDiff::default();
        let (mut old, mut new) = (
            current.into_iter().peekable(),
            wanted.into_iter().peekable(),
        );
        loop {
            let order = match (old.peek(), new.peek()) {
                (None, None) => break,
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (Some((a, _)), Some((b, _))) => a.cmp(b),
            };
            match order {
                std::cmp::Ordering::Less => {
                    let (name, value) = old.next().expect("peeked");
                    diff.changes.push(Change::Removed {
                        name: name.to_owned(),
                        old: value.to_owned(),
                    });
                }
                std::cmp::Ordering::Greater => {
                    let (name, value) = new.next().expect("peeked");
                    diff.changes.push(Change::Added {
                        name: name.to_owned(),
                        value: value.to_owned(),
                    });
                }
                std::cmp::Ordering::Equal => {
                    let ((name, was), (_, is)) =
                        (old.next().expect("peeked"), new.next().expect("peeked"));
                    if was == is {
                        diff.unchanged += 1;
                    } else {
                        diff.changes.push(Change::Changed {
                            name: name.to_owned(),
                            old: was.to_owned(),
                            new: is.to_owned(),
                        });
                    }
                }
            }
        }
        diff
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The variables to send in the bulk `PUT` (added and changed).
    pub fn upserts(&self) -> Vec<(String, String)> {
        self.changes
            .iter()
            .filter_map(|change| match change {
                Change::Added { name, value }
                | Change::Changed {
                    name, new: value, ..
                } => Some((name.clone(), value.clone())),
                Change::Removed { .. } => None,
            })
            .collect()
    }

    /// The names to delete.
    pub fn removals(&self) -> Vec<&str> {
        self.changes
            .iter()
            .filter_map(|change| match change {
                Change::Removed { name, .. } => Some(name.as_str()),
                _ => None,
            })
            .collect()
    }

    /// "1 added, 1 changed, 1 removed".
    pub fn summary(&self) -> String {
        let count = |f: fn(&Change) -> bool| self.changes.iter().filter(|c| f(c)).count();
        let parts = [
            (count(|c| matches!(c, Change::Added { .. })), "added"),
            (count(|c| matches!(c, Change::Changed { .. })), "changed"),
            (count(|c| matches!(c, Change::Removed { .. })), "removed"),
        ];
        let said: Vec<String> = parts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .collect();
        if said.is_empty() {
            "no change".to_owned()
        } else {
            said.join(", ")
        }
    }
}

/// A value as the diff and the list show it until revealed: as many dots
/// as it has characters, up to a few, so that an empty value and a long one
/// still look different without saying anything of the secret.
pub fn masked(value: &str) -> String {
    match value.chars().count() {
        0 => "(empty)".to_owned(),
        n => "•".repeat(n.min(12)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_added_one_changed_one_removed() {
        let current = [("A", "1"), ("B", "2"), ("C", "3")];
        let wanted = [("B", "two"), ("C", "3"), ("D", "4")];
        let diff = EnvDiff::between(current, wanted);
        assert_eq!(
            diff.changes,
            vec![
                Change::Removed {
                    name: "A".into(),
                    old: "1".into()
                },
                Change::Changed {
                    name: "B".into(),
                    old: "2".into(),
                    new: "two".into()
                },
                Change::Added {
                    name: "D".into(),
                    value: "4".into()
                },
            ]
        );
        assert_eq!(diff.unchanged, 1);
        assert_eq!(diff.summary(), "1 added, 1 changed, 1 removed");
        assert_eq!(
            diff.upserts(),
            vec![
                ("B".to_owned(), "two".to_owned()),
                ("D".to_owned(), "4".to_owned())
            ]
        );
        assert_eq!(diff.removals(), vec!["A"]);
    }

    #[test]
    fn the_same_variables_in_another_order_change_nothing() {
        let diff = EnvDiff::between([("A", "1"), ("B", "2")], [("B", "2"), ("A", "1")]);
        assert!(diff.is_empty());
        assert_eq!(diff.unchanged, 2);
        assert_eq!(diff.summary(), "no change");
    }

    #[test]
    fn masking_hides_the_value_but_not_whether_it_is_empty() {
        assert_eq!(masked(""), "(empty)");
        assert_eq!(masked("abc"), "•••");
        assert_eq!(masked(&"x".repeat(32_768)).chars().count(), 12);
    }
}
