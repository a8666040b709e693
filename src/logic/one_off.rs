//! One-off runs: the environment variables typed as `KEY=value` lines, and
//! the equivalent `scalingo run` command line for attached runs, which a
//! browser cannot make.

use std::collections::BTreeMap;

/// Environment variable names the platform accepts: a letter first, then
/// letters, digits and underscores, at most 64 characters.
pub fn valid_env_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && name.len() <= 64
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Parses `KEY=value` lines; blank lines and `#` comments are skipped. The
/// errors name the line and say what is wrong.
pub fn parse_env(text: &str) -> Result<BTreeMap<String, String>, Vec<String>> {
    let mut env = BTreeMap::new();
    let mut errors = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.split_once('=') {
            Some((name, value)) if valid_env_name(name.trim()) => {
                env.insert(name.trim().to_owned(), value.to_owned());
            }
            Some((name, _)) => errors.push(format!(
                "Line {}: “{}” is not a valid name (a letter, then letters, digits or _)",
                number + 1,
                super::format::isolate(name.trim())
            )),
            None => errors.push(format!("Line {}: expected NAME=value", number + 1)),
        }
    }
    if errors.is_empty() {
        Ok(env)
    } else {
        Err(errors)
    }
}

/// Quotes a word for a POSIX shell when it needs it.
pub fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The Scalingo CLI command that runs `command` attached, e.g.
/// `scalingo --app shop-api run --size L --env FOO=bar 'rails console'`.
pub fn cli_command(app: &str, command: &str, size: &str, env: &BTreeMap<String, String>) -> String {
    let mut words = vec![
        "scalingo".to_owned(),
        "--app".to_owned(),
        shell_quote(app),
        "run".to_owned(),
    ];
    if !size.is_empty() {
        words.push("--size".to_owned());
        words.push(shell_quote(size));
    }
    for (name, value) in env {
        words.push("--env".to_owned());
        words.push(shell_quote(&format!("{name}={value}")));
    }
    words.push(shell_quote(command.trim()));
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_lines() {
        let env = parse_env("FOO=bar\n\n# comment\nURL=postgres://x?a=b\nEMPTY=").unwrap();
        assert_eq!(env["FOO"], "bar");
        assert_eq!(env["URL"], "postgres://x?a=b");
        assert_eq!(env["EMPTY"], "");
        let errors = parse_env("1BAD=x\nnovalue\nOK=1").unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors[0].starts_with("Line 1:"));
        assert!(errors[1].starts_with("Line 2: expected"));
    }

    #[test]
    fn names() {
        assert!(valid_env_name("RAILS_ENV"));
        assert!(!valid_env_name("_X"));
        assert!(!valid_env_name("A-B"));
        assert!(!valid_env_name(&"A".repeat(65)));
    }

    #[test]
    fn cli_line_is_quoted() {
        let mut env = BTreeMap::new();
        env.insert("GREETING".to_owned(), "it's ok".to_owned());
        assert_eq!(
            cli_command("shop-api", "rails console", "L", &env),
            r"scalingo --app shop-api run --size L --env 'GREETING=it'\''s ok' 'rails console'"
        );
        assert_eq!(
            cli_command("shop-api", "bash", "", &BTreeMap::new()),
            "scalingo --app shop-api run bash"
        );
    }
}
