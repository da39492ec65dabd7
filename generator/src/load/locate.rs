//! Where a JSON pointer is in the user's file: the pointer's origin when the normaliser moved
//! the node, and the line of the node in the source text.

use serde_json::Value;
use std::sync::OnceLock;

/// The document as the user wrote it (read again from its text, only when a line is asked
/// for), and the nodes the normaliser moved.
#[derive(Debug)]
pub(super) struct Locator {
    source: OnceLock<Option<Value>>,
    /// (pointer in the normalised document, pointer in the user's file); deeper nodes follow
    /// their nearest listed ancestor.
    moves: Vec<(String, String)>,
}

impl Locator {
    pub fn new(moves: Vec<(String, String)>) -> Self {
        Locator {
            source: OnceLock::new(),
            moves,
        }
    }

    /// The pointer in the user's file of a node of the normalised document.
    pub fn source_pointer(&self, pointer: &str) -> String {
        let under = |at: &str| {
            pointer
                .strip_prefix(at)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        match self
            .moves
            .iter()
            .filter(|(at, _)| under(at))
            .max_by_key(|(at, _)| at.len())
        {
            Some((at, from)) => format!("{from}{}", &pointer[at.len()..]),
            None => pointer.to_owned(),
        }
    }

    /// The line of the node a pointer into the user's file names. The document is parsed
    /// from `text` (file `file`) the first time: most specs never ask, and keeping a copy of
    /// the tree from loading cost a big spec's generation a tenth of its memory.
    pub fn line(&self, file: &str, text: &str, pointer: &str) -> Option<usize> {
        let source = self
            .source
            .get_or_init(|| super::parse_text(file, text).ok())
            .as_ref()?;
        guess_line(text, source, pointer)
    }
}

/// The line of the node a JSON pointer names: each mapping key of the pointer is looked for in
/// the text after its parent's key (array indices, known from `doc`, are stepped over). Good
/// enough for messages; `None` when a key is not found.
fn guess_line(text: &str, doc: &Value, pointer: &str) -> Option<usize> {
    let mut from = 0usize;
    let mut node = Some(doc);
    for token in pointer.split('/').skip(1) {
        let token = crate::diag::unescape_token(token);
        if let Some(Value::Array(items)) = node {
            node = token.parse::<usize>().ok().and_then(|i| items.get(i));
            continue;
        }
        node = node.and_then(|n| n.get(token.as_str()));
        let candidates = [
            format!("\"{token}\""),
            format!("{token}:"),
            format!("'{token}':"),
        ];
        let found = candidates
            .iter()
            .filter_map(|c| text[from..].find(c.as_str()))
            .min()?;
        from += found + 1;
    }
    if from == 0 {
        return None;
    }
    Some(text[..from].matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moved_nodes_map_back_to_the_users_file() {
        let l = Locator::new(vec![
            ("/components/schemas/H".into(), "/paths/~1a/get".into()),
            (
                "/components/schemas/H/allOf/1".into(),
                "/components/x".into(),
            ),
        ]);
        assert_eq!(
            l.source_pointer("/components/schemas/H/properties/p"),
            "/paths/~1a/get/properties/p"
        );
        assert_eq!(
            l.source_pointer("/components/schemas/H/allOf/1/properties/p"),
            "/components/x/properties/p"
        );
        assert_eq!(
            l.source_pointer("/components/schemas/Hx"),
            "/components/schemas/Hx"
        );
    }

    #[test]
    fn lines_step_over_array_indices() {
        let text =
            "paths:\n  /a:\n    get:\n      parameters:\n        - name: q\n          in: query\n";
        let l = Locator::new(Vec::new());
        assert_eq!(
            l.line("a.yaml", text, "/paths/~1a/get/parameters/0/in"),
            Some(6)
        );
        assert_eq!(l.line("a.yaml", text, "/nowhere"), None);
        assert_eq!(Locator::new(Vec::new()).line("a.json", "{", "/paths"), None);
    }
}
