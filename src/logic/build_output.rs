//! A deployment's build output: the text the API serves, the lines the
//! live stream adds, and how the two are joined without showing a line
//! twice when the stream reconnects.

/// The lines of an output text (`\r\n` or `\n`; no empty last line).
pub fn lines_of(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line).to_owned())
        .collect();
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// How many of `incoming`'s first lines `lines` already ends with: the
/// longest overlap of the end of one and the start of the other.
pub fn overlap(lines: &[String], incoming: &[String]) -> usize {
    let longest = lines.len().min(incoming.len());
    (1..=longest)
        .rev()
        .find(|&k| lines[lines.len() - k..] == incoming[..k])
        .unwrap_or(0)
}

/// The output as the page shows it. After the stream (re)opens, the text
/// is read again over HTTP; lines that arrive on the stream meanwhile are
/// kept aside, then added without those the text already holds. Outside
/// of that, a line from the stream is always new, even when it repeats the
/// previous one (a build prints the same progress line many times).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Output {
    pub lines: Vec<String>,
    /// Lines received while the text is read again; `None` when not.
    pending: Option<Vec<String>>,
    /// After the text was read again, the stream's next lines may be ones
    /// the text already held (the answer and the frames travel on two
    /// connections, in either order): where in `lines` the stream is
    /// expected to go on, while it repeats what is shown.
    replaying: Option<Replay>,
}

/// Following the stream through lines the text already held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replay {
    /// Just read: the stream's next line may be any of the last ones.
    Unknown,
    /// The stream repeats the shown lines from this index.
    At(usize),
}

/// How far back a stream that lags the text is looked for.
const REPLAY_WINDOW: usize = 200;

impl Output {
    /// The stream (re)opened: the text is being read again.
    pub fn resync(&mut self) {
        self.pending.get_or_insert_with(Vec::new);
    }

    pub fn is_resyncing(&self) -> bool {
        self.pending.is_some()
    }

    /// Lines from the stream (a frame's content may hold several).
    pub fn push(&mut self, content: &str) {
        let incoming = lines_of(content);
        match &mut self.pending {
            Some(pending) => pending.extend(incoming),
            None => {
                let known = self.replayed(&incoming);
                self.lines.extend(incoming.into_iter().skip(known));
            }
        }
    }

    /// The text read over HTTP: it replaces the lines, then what arrived
    /// meanwhile is added, minus what the text already held.
    pub fn replace(&mut self, text: &str) {
        self.lines = lines_of(text);
        let pending = self.pending.take().unwrap_or_default();
        let known = overlap(&self.lines, &pending);
        // Stream lines that brought something new: the stream is ahead.
        self.replaying = (pending.len() == known).then_some(Replay::Unknown);
        self.lines.extend(pending.into_iter().skip(known));
    }

    /// How many of `incoming`'s first lines repeat shown lines, following
    /// the stream through the text it lags behind; the replay ends at the
    /// first new line, or when the stream reaches the end of the text.
    fn replayed(&mut self, incoming: &[String]) -> usize {
        let Some(replay) = self.replaying else {
            return 0;
        };
        let len = self.lines.len();
        let start = match replay {
            Replay::At(at) => Some(at),
            // The latest place the frame's first line can resume from.
            Replay::Unknown => incoming.first().and_then(|first| {
                (len.saturating_sub(REPLAY_WINDOW)..len)
                    .rev()
                    .find(|&p| self.lines[p] == *first)
            }),
        };
        let Some(start) = start else {
            self.replaying = None;
            return 0;
        };
        let known = incoming
            .iter()
            .zip(&self.lines[start.min(len)..])
            .take_while(|(a, b)| a == b)
            .count();
        let next = start + known;
        self.replaying = (known == incoming.len() && next < len).then_some(Replay::At(next));
        known
    }

    /// Reading the text failed: what the stream brought stays, at the end.
    pub fn give_up_resync(&mut self) {
        self.replaying = None;
        let pending = self.pending.take().unwrap_or_default();
        let known = overlap(&self.lines, &pending);
        self.lines.extend(pending.into_iter().skip(known));
    }
}

/// The last `n` lines of an output text, for a failed deployment's
/// summary.
pub fn last_lines(text: &str, n: usize) -> Vec<String> {
    let lines = lines_of(text);
    let skip = lines.len().saturating_sub(n);
    lines.into_iter().skip(skip).collect()
}

/// `"1m 05s"` for a duration in seconds.
pub fn duration(seconds: u64) -> String {
    match seconds {
        0..=59 => format!("{seconds}s"),
        60..=3599 => format!("{}m {:02}s", seconds / 60, seconds % 60),
        _ => format!("{}h {:02}m", seconds / 3600, (seconds % 3600) / 60),
    }
}

/// A git ref as the history shows it: a commit's first 7 characters, any
/// other label (a branch, a tag, an archive's name) as it is.
pub fn short_ref(git_ref: &str) -> &str {
    let is_sha = git_ref.len() >= 12 && git_ref.chars().all(|c| c.is_ascii_hexdigit());
    if is_sha {
        &git_ref[..7]
    } else {
        git_ref
    }
}

/// The page of a commit on the app's source host, when the ref is a
/// commit id and the host is one whose commit pages are known (GitHub,
/// GitLab); only https addresses.
pub fn commit_url(git_source: &str, git_ref: &str) -> Option<String> {
    let is_sha =
        git_ref.len() >= 7 && git_ref.len() <= 64 && git_ref.chars().all(|c| c.is_ascii_hexdigit());
    let source = git_source
        .trim()
        .trim_end_matches('/')
        .trim_end_matches(".git");
    let host = source.strip_prefix("https://")?.split('/').next()?;
    let known = host == "github.com" || host == "gitlab.com" || host.starts_with("gitlab.");
    (is_sha && known && !source.contains(['?', '#', ' ', '"', '<', '>']))
        .then(|| format!("{source}/commit/{git_ref}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| (*l).to_owned()).collect()
    }

    #[test]
    fn splits_text_into_lines() {
        assert_eq!(lines_of("a\r\nb\n\nc\n"), strings(&["a", "b", "", "c"]));
        assert_eq!(lines_of(""), Vec::<String>::new());
        assert_eq!(lines_of("no newline"), strings(&["no newline"]));
    }

    #[test]
    fn overlap_is_the_longest_shared_run() {
        let lines = strings(&["1", "2", "3", "4"]);
        assert_eq!(overlap(&lines, &strings(&["3", "4", "5"])), 2);
        assert_eq!(overlap(&lines, &strings(&["4"])), 1);
        assert_eq!(overlap(&lines, &strings(&["5", "6"])), 0);
        assert_eq!(overlap(&lines, &strings(&["1", "2", "3", "4"])), 4);
        assert_eq!(overlap(&[], &strings(&["1"])), 0);
    }

    #[test]
    fn a_reconnection_shows_no_line_twice_and_loses_none() {
        let mut output = Output::default();
        output.resync();
        output.push("-----> Fetching source code\n");
        output.replace("-----> Fetching source code\n");
        output.push("-----> Installing dependencies\n");
        assert_eq!(output.lines.len(), 2);
        // Cut: lines 3 and 4 are written while the stream is down; line 4
        // and 5 arrive on the new stream before the text is read again.
        output.resync();
        output.push("line 4");
        output.push("line 5");
        output.replace(
            "-----> Fetching source code\n-----> Installing dependencies\nline 3\nline 4\n",
        );
        assert_eq!(
            output.lines,
            strings(&[
                "-----> Fetching source code",
                "-----> Installing dependencies",
                "line 3",
                "line 4",
                "line 5"
            ])
        );
        assert!(!output.is_resyncing());
    }

    #[test]
    fn a_stream_behind_the_text_it_was_read_with_adds_nothing_twice() {
        // The text answered before the frames of its last lines arrived.
        let mut output = Output::default();
        output.resync();
        output.replace("start\n- php (8.3.4)\n- composer (2.7.2)\n");
        output.push("- php (8.3.4)");
        output.push("- composer (2.7.2)\n- done");
        output.push("- done");
        assert_eq!(
            output.lines,
            strings(&[
                "start",
                "- php (8.3.4)",
                "- composer (2.7.2)",
                "- done",
                "- done"
            ])
        );
        // One line behind.
        let mut output = Output::default();
        output.resync();
        output.replace("a\nb\n");
        output.push("b\nc");
        assert_eq!(output.lines, strings(&["a", "b", "c"]));
    }

    #[test]
    fn repeated_lines_outside_a_resync_are_kept() {
        let mut output = Output::default();
        output.push(".");
        output.push(".");
        output.push("a\nb");
        assert_eq!(output.lines, strings(&[".", ".", "a", "b"]));
    }

    #[test]
    fn formats() {
        assert_eq!(last_lines("1\n2\n3\n4\n", 2), strings(&["3", "4"]));
        assert_eq!(last_lines("1\n", 5), strings(&["1"]));
        assert_eq!(duration(42), "42s");
        assert_eq!(duration(65), "1m 05s");
        assert_eq!(duration(3_720), "1h 02m");
        assert_eq!(short_ref("0123456789abcdef0123"), "0123456");
        assert_eq!(short_ref("v1.2.0"), "v1.2.0");
        assert_eq!(short_ref("main"), "main");
    }

    #[test]
    fn commit_links_only_for_known_https_hosts() {
        assert_eq!(
            commit_url("https://github.com/org/repo.git", "0123456789abcdef").as_deref(),
            Some("https://github.com/org/repo/commit/0123456789abcdef")
        );
        assert!(commit_url("https://gitlab.example.com/org/repo", "abcdef1").is_some());
        assert_eq!(commit_url("http://github.com/org/repo", "abcdef1"), None);
        assert_eq!(commit_url("https://github.com/org/repo", "v1.2.0"), None);
        assert_eq!(
            commit_url("javascript:alert(1)//github.com", "abcdef1"),
            None
        );
        assert_eq!(commit_url("https://evil.example/org/repo", "abcdef1"), None);
    }
}
