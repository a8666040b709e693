//! The `.env` text of the environment's bulk edit, import and export:
//! `NAME=value` lines, `export ` prefixes, comments, single-quoted values
//! taken as they are, double-quoted values with `\n`, `\t`, `\"` and `\\`
//! escapes, quoted values over several lines. `$OTHER` is left as it is:
//! on Scalingo it is an alias the platform resolves, not something the
//! browser expands.

/// A variable read from the text, and the line it starts on (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub line: usize,
    pub name: String,
    pub value: String,
}

/// What is wrong with the text, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// From 1.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Line {}: {}", self.line, self.message)
    }
}

/// Reads `.env` text. Every mistake is reported (the first of each line),
/// so that a pasted file is fixed in one pass; each variable is checked
/// with `rules` (the API's, as sentences about a name and a value), and a
/// name given twice is a mistake on its second line rather than a silent
/// overwrite.
pub fn parse(
    text: &str,
    rules: impl Fn(&str, &str) -> Vec<String>,
) -> Result<Vec<Entry>, Vec<ParseError>> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let mut entries: Vec<Entry> = Vec::new();
    let mut errors = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let number = index + 1;
        let line = lines[index].trim_start();
        index += 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").map_or(line, str::trim_start);
        let Some((name, rest)) = line.split_once('=') else {
            errors.push(ParseError {
                line: number,
                message: "expected NAME=value".to_owned(),
            });
            continue;
        };
        let name = name.trim_end();
        let value = match read_value(rest.trim_start(), &lines, &mut index) {
            Ok(value) => value,
            Err(message) => {
                errors.push(ParseError {
                    line: number,
                    message,
                });
                continue;
            }
        };
        if let Some(message) = rules(name, &value).into_iter().next() {
            errors.push(ParseError {
                line: number,
                message,
            });
        } else if let Some(first) = entries.iter().find(|e| e.name == name) {
            errors.push(ParseError {
                line: number,
                message: format!("{name} is already set on line {}", first.line),
            });
        } else {
            entries.push(Entry {
                line: number,
                name: name.to_owned(),
                value,
            });
        }
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// The value after `=`; a quoted one may go on over the next lines, which
/// `next` then skips.
fn read_value(rest: &str, lines: &[&str], next: &mut usize) -> Result<String, String> {
    let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        // Unquoted: up to a comment (a `#` after a space), trimmed.
        let end = rest.find(" #").or_else(|| rest.find("\t#"));
        return Ok(rest[..end.unwrap_or(rest.len())].trim_end().to_owned());
    };
    let mut value = String::new();
    let mut current = &rest[1..];
    loop {
        if let Some((text, after)) = quoted_part(current, quote) {
            value.push_str(&text);
            let after = after.trim_start();
            if !after.is_empty() && !after.starts_with('#') {
                return Err(format!(
                    "unexpected text after the closing {quote}: {}",
                    clip(after)
                ));
            }
            return Ok(value);
        }
        // The quote is still open at the end of the line.
        value.push_str(&unescape(current, quote));
        value.push('\n');
        let Some(line) = lines.get(*next) else {
            return Err(format!("the {quote} opened here is never closed"));
        };
        *next += 1;
        current = line;
    }
}

/// The text up to the closing `quote` on this line (unescaped) and what
/// follows it, or `None` when the line does not close it.
fn quoted_part(line: &str, quote: char) -> Option<(String, &str)> {
    let mut escaped = false;
    for (at, c) in line.char_indices() {
        if quote == '"' && escaped {
            escaped = false;
        } else if quote == '"' && c == '\\' {
            escaped = true;
        } else if c == quote {
            return Some((unescape(&line[..at], quote), &line[at + 1..]));
        }
    }
    None
}

fn unescape(text: &str, quote: char) -> String {
    if quote == '\'' {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn clip(text: &str) -> String {
    const MAX: usize = 20;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

/// `.env` text for variables, which [`parse`] reads back to the same
/// values: plain values as they are, others double-quoted, with a
/// multi-line value kept on several lines.
pub fn render<'a>(variables: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (name, value) in variables {
        out.push_str(name);
        out.push('=');
        if is_plain(value) {
            out.push_str(value);
        } else {
            out.push('"');
            for c in value.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    other => out.push(other),
                }
            }
            out.push('"');
        }
        out.push('\n');
    }
    out
}

/// A value that reads back the same without quotes.
fn is_plain(value: &str) -> bool {
    value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_-.,:/@$%+=?&~*^!|<>()[]{};".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_fine(_: &str, _: &str) -> Vec<String> {
        Vec::new()
    }

    fn read(text: &str) -> Vec<(String, String)> {
        parse(text, all_fine)
            .unwrap()
            .into_iter()
            .map(|e| (e.name, e.value))
            .collect()
    }

    fn pair(name: &str, value: &str) -> (String, String) {
        (name.to_owned(), value.to_owned())
    }

    #[test]
    fn reads_plain_lines_comments_and_export() {
        let text = "# the database\nDATABASE_URL=postgres://u:p@db:5432/app\n\nexport PORT=3000 # web\r\n  RAILS_ENV = production\nEMPTY=\nHASH=a#b\n";
        assert_eq!(
            read(text),
            vec![
                pair("DATABASE_URL", "postgres://u:p@db:5432/app"),
                pair("PORT", "3000"),
                pair("RAILS_ENV", "production"),
                pair("EMPTY", ""),
                pair("HASH", "a#b"),
            ]
        );
    }

    #[test]
    fn reads_quotes_escapes_and_aliases_as_they_are() {
        let text = "A=\"say \\\"hi\\\"\\n\\tthere\" # c\nB='no $ex\\pansion'\nC=$DATABASE_URL\nD=\"# not a comment\"\n";
        assert_eq!(
            read(text),
            vec![
                pair("A", "say \"hi\"\n\tthere"),
                pair("B", "no $ex\\pansion"),
                pair("C", "$DATABASE_URL"),
                pair("D", "# not a comment"),
            ]
        );
    }

    #[test]
    fn reads_multi_line_quoted_values() {
        let text = "KEY=\"-----BEGIN KEY-----\nMIIB\n-----END KEY-----\"\nNEXT='a\n\nb'\n";
        assert_eq!(
            read(text),
            vec![
                pair("KEY", "-----BEGIN KEY-----\nMIIB\n-----END KEY-----"),
                pair("NEXT", "a\n\nb"),
            ]
        );
    }

    #[test]
    fn errors_point_at_their_lines() {
        let text =
            "OK=1\nno equals sign\nB=\"closed\" trailing\nOK=2\n_BAD=3\nC=\"never closed\nD=4\n";
        let rules = |name: &str, _: &str| {
            if name.starts_with('_') {
                vec![format!("the name {name:?} must start with a letter")]
            } else {
                Vec::new()
            }
        };
        let errors = parse(text, rules).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 5, 6], "{errors:?}");
        assert_eq!(errors[0].to_string(), "Line 2: expected NAME=value");
        assert!(
            errors[1].message.contains("after the closing"),
            "{errors:?}"
        );
        assert_eq!(errors[2].message, "OK is already set on line 1");
        assert_eq!(
            errors[3].message,
            "the name \"_BAD\" must start with a letter"
        );
        assert!(errors[4].message.contains("never closed"), "{errors:?}");
    }

    #[test]
    fn what_is_rendered_reads_back_the_same() {
        let values = [
            "",
            "plain",
            "postgres://user:p%40ss@host:5432/db?sslmode=require",
            "$OTHER",
            "with space",
            "quote \" and backslash \\ and 'single'",
            "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
            "tab\tcarriage\r\nreturn",
            "# hash first",
            " leading and trailing ",
            "\\n is not a newline",
            "ünïcödé 🚀",
        ];
        let pairs: Vec<(String, String)> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("V{i}"), (*v).to_owned()))
            .collect();
        let text = render(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        assert_eq!(read(&text), pairs, "{text}");
    }
}
