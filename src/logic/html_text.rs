//! Text out of the HTML some API fields carry (an addon plan's
//! description): the words only, to be shown as text, never as markup.

/// The text of `html`: tags dropped (block tags and `<br>` become line
/// breaks), the common entities decoded, runs of blank space collapsed.
/// The content of `<script>` and `<style>` is dropped with them.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..start]));
        let after = &rest[start + 1..];
        let opens_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let end = after.find('>').filter(|_| opens_tag);
        let Some(end) = end else {
            // A lone `<`: text, not a tag.
            out.push('<');
            rest = after;
            continue;
        };
        let tag = after[..end].trim().to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        rest = &after[end + 1..];
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            // Skip to the closing tag, or to the end.
            let closing = format!("</{name}");
            rest = match rest.to_ascii_lowercase().find(&closing) {
                Some(at) => rest[at..].find('>').map_or("", |gt| &rest[at + gt + 1..]),
                None => "",
            };
            continue;
        }
        if matches!(
            name.as_str(),
            "br" | "p" | "div" | "li" | "ul" | "ol" | "tr" | "h1" | "h2" | "h3" | "h4"
        ) {
            out.push('\n');
        }
    }
    out.push_str(&decode_entities(rest));
    collapse(&out)
}

fn decode_entities(text: &str) -> String {
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&euro;", "€")
        .replace("&amp;", "&")
}

/// One space between words, one line break between lines, no blank lines.
fn collapse(text: &str) -> String {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_words_drops_markup() {
        assert_eq!(
            html_to_text("<ul><li>2 GB <b>storage</b></li><li>Backups &amp; PITR</li></ul>"),
            "2 GB storage\nBackups & PITR"
        );
        assert_eq!(
            html_to_text("Hi<script>alert(1)</script> there<img src=x onerror=alert(1)>"),
            "Hi there"
        );
        assert_eq!(html_to_text("a < b and c > d"), "a < b and c > d");
        assert_eq!(html_to_text("&lt;script&gt;"), "<script>");
        assert_eq!(html_to_text("<style>p{}</style>Plain"), "Plain");
        assert_eq!(html_to_text("<SCRIPT>x</SCRIPT>ok"), "ok");
        assert_eq!(html_to_text("unclosed <script>forever"), "unclosed");
        assert_eq!(html_to_text(""), "");
    }
}
