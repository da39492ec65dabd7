//! `multipart/form-data` bodies: text parts from serialisable values, file parts from bytes.

use super::encode::{scalar, to_value};
use super::Error;
use serde::Serialize;
use serde_json::Value;

/// One part's content.
#[derive(Debug, Clone)]
enum Content {
    Text(String),
    File(Vec<u8>),
}

/// The parts of a `multipart/form-data` body, kept so a retry can send them again.
#[derive(Debug, Clone, Default)]
pub struct Multipart {
    parts: Vec<(String, Content)>,
}

/// File contents, possibly absent.
pub trait FileBytes {
    /// The bytes, or `None` when the field is unset.
    fn file_bytes(&self) -> Option<&[u8]>;
}

impl FileBytes for Vec<u8> {
    fn file_bytes(&self) -> Option<&[u8]> {
        Some(self)
    }
}

impl<T: FileBytes> FileBytes for Option<T> {
    fn file_bytes(&self) -> Option<&[u8]> {
        self.as_ref().and_then(FileBytes::file_bytes)
    }
}

impl Multipart {
    /// Adds text parts for a value: one for a scalar, one per item of a list, the JSON text
    /// of an object; nothing when it is absent.
    pub fn text<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Error> {
        self.add_value(name, &to_value(name, value)?);
        Ok(())
    }

    fn add_value(&mut self, name: &str, value: &Value) {
        match value {
            Value::Null => {}
            Value::Array(items) => {
                for item in items {
                    self.add_value(name, item);
                }
            }
            Value::Object(_) => self
                .parts
                .push((name.to_owned(), Content::Text(value.to_string()))),
            other => {
                if let Some(text) = scalar(other) {
                    self.parts.push((name.to_owned(), Content::Text(text)));
                }
            }
        }
    }

    /// Adds a file part (named after the field); nothing when it is absent.
    pub fn file<T: FileBytes + ?Sized>(&mut self, name: &str, value: &T) {
        if let Some(bytes) = value.file_bytes() {
            self.parts
                .push((name.to_owned(), Content::File(bytes.to_vec())));
        }
    }

    /// Text parts for each field of an object.
    pub fn from_value<T: Serialize + ?Sized>(value: &T) -> Result<Self, Error> {
        let value = to_value("body", value)?;
        let Value::Object(map) = value else {
            return Err(Error::InvalidArgument {
                field: "body".into(),
                rule: "a multipart body must be an object".into(),
            });
        };
        let mut form = Multipart::default();
        for (k, v) in &map {
            form.add_value(k, v);
        }
        Ok(form)
    }

    /// The reqwest form for one attempt.
    pub(crate) fn to_form(&self) -> reqwest::multipart::Form {
        let mut form = reqwest::multipart::Form::new();
        for (name, content) in &self.parts {
            form = match content {
                Content::Text(text) => form.text(name.clone(), text.clone()),
                Content::File(bytes) => form.part(
                    name.clone(),
                    reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.clone()),
                ),
            };
        }
        form
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_from_fields() {
        let mut form = Multipart::default();
        form.text("name", "x").unwrap();
        form.text("tags", &vec!["a", "b"]).unwrap();
        form.text("missing", &None::<String>).unwrap();
        form.file("file", &Some(vec![1u8, 2, 3]));
        form.file("none", &None::<Vec<u8>>);
        let names: Vec<&str> = form.parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["name", "tags", "tags", "file"]);
        assert!(matches!(&form.parts[3].1, Content::File(b) if b == &[1, 2, 3]));
    }
}
