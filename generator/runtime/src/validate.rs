//! Checks of arguments against the spec's constraints, run before anything is sent.

use super::{Error, Secret};
use std::collections::BTreeMap;

/// A type whose values carry constraints from the spec.
pub trait Validate {
    /// Checks the value; `at` is the path of the value in the request (`""` at the top).
    fn validate(&self, at: &str) -> Result<(), Error>;
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self, at: &str) -> Result<(), Error> {
        self.as_ref().map_or(Ok(()), |v| v.validate(at))
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate(&self, at: &str) -> Result<(), Error> {
        (**self).validate(at)
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self, at: &str) -> Result<(), Error> {
        self.iter()
            .enumerate()
            .try_for_each(|(i, v)| v.validate(&format!("{at}[{i}]")))
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate(&self, at: &str) -> Result<(), Error> {
        self.iter().try_for_each(|(k, v)| v.validate(&join(at, k)))
    }
}

/// `at.field`, or `field` at the top.
pub fn join(at: &str, field: &str) -> String {
    if at.is_empty() {
        field.to_owned()
    } else {
        format!("{at}.{field}")
    }
}

fn fail(at: &str, field: &str, rule: String) -> Error {
    Error::InvalidArgument {
        field: join(at, field),
        rule,
    }
}

/// A numeric bound as the spec wrote it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    /// An integer bound.
    Int(i128),
    /// A decimal bound.
    Float(f64),
}

impl Num {
    fn as_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }

    fn cmp(self, other: Num) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
            (a, b) => a.as_f64().partial_cmp(&b.as_f64()),
        }
    }
}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Num::Int(i) => write!(f, "{i}"),
            Num::Float(x) => write!(f, "{x}"),
        }
    }
}

/// A minimum or maximum.
#[derive(Debug, Clone, Copy)]
pub struct Bound {
    /// The bound.
    pub value: Num,
    /// Whether the bound itself is excluded.
    pub exclusive: bool,
}

/// Values with a length (strings in characters, lists in items); absent values have none.
pub trait Measured {
    /// The length, or `None` when the value is absent.
    fn measure(&self) -> Option<usize>;
}

impl Measured for str {
    fn measure(&self) -> Option<usize> {
        Some(self.chars().count())
    }
}

impl Measured for String {
    fn measure(&self) -> Option<usize> {
        self.as_str().measure()
    }
}

impl Measured for Secret {
    fn measure(&self) -> Option<usize> {
        self.expose().measure()
    }
}

impl<T> Measured for Vec<T> {
    fn measure(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T: Measured> Measured for Option<T> {
    fn measure(&self) -> Option<usize> {
        self.as_ref().and_then(Measured::measure)
    }
}

/// Values compared with numeric bounds; absent values pass.
pub trait Numeric {
    /// The value, or `None` when absent.
    fn number(&self) -> Option<Num>;
}

macro_rules! numeric {
    ($($t:ty => $v:ident),*) => {$(
        impl Numeric for $t {
            fn number(&self) -> Option<Num> {
                Some(Num::$v((*self).into()))
            }
        }
    )*};
}
numeric!(i8 => Int, i16 => Int, i32 => Int, i64 => Int, u8 => Int, u16 => Int, u32 => Int, u64 => Int, f32 => Float, f64 => Float);

impl<T: Numeric> Numeric for Option<T> {
    fn number(&self) -> Option<Num> {
        self.as_ref().and_then(Numeric::number)
    }
}

/// Checks a length (`minLength`/`maxLength`, `minItems`/`maxItems`).
pub fn length<T: Measured + ?Sized>(
    at: &str,
    field: &str,
    value: &T,
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), Error> {
    let Some(len) = value.measure() else {
        return Ok(());
    };
    if let Some(min) = min.filter(|m| len < *m) {
        return Err(fail(
            at,
            field,
            format!("length must be at least {min} (got {len})"),
        ));
    }
    if let Some(max) = max.filter(|m| len > *m) {
        return Err(fail(
            at,
            field,
            format!("length must be at most {max} (got {len})"),
        ));
    }
    Ok(())
}

/// Checks a numeric range (`minimum`/`maximum`, exclusive or not).
pub fn range<T: Numeric + ?Sized>(
    at: &str,
    field: &str,
    value: &T,
    min: Option<Bound>,
    max: Option<Bound>,
) -> Result<(), Error> {
    use std::cmp::Ordering::{Equal, Less};
    let Some(v) = value.number() else {
        return Ok(());
    };
    if let Some(b) = min {
        match v.cmp(b.value) {
            Some(Less) | None => {}
            Some(Equal) if b.exclusive => {}
            _ => return check_max(at, field, v, max),
        }
        let word = if b.exclusive {
            "greater than"
        } else {
            "at least"
        };
        return Err(fail(
            at,
            field,
            format!("must be {word} {} (got {v})", b.value),
        ));
    }
    check_max(at, field, v, max)
}

fn check_max(at: &str, field: &str, v: Num, max: Option<Bound>) -> Result<(), Error> {
    use std::cmp::Ordering::{Equal, Less};
    let Some(b) = max else { return Ok(()) };
    match v.cmp(b.value) {
        Some(Less) => Ok(()),
        Some(Equal) if !b.exclusive => Ok(()),
        _ => {
            let word = if b.exclusive { "less than" } else { "at most" };
            Err(fail(
                at,
                field,
                format!("must be {word} {} (got {v})", b.value),
            ))
        }
    }
}

/// Checks that `first` comes strictly before `second` (a range's start before its end).
pub fn ordered<T: PartialOrd + ?Sized>(
    first_name: &str,
    first: &T,
    second_name: &str,
    second: &T,
) -> Result<(), Error> {
    if first < second {
        Ok(())
    } else {
        Err(Error::InvalidArgument {
            field: first_name.to_owned(),
            rule: format!("must be before `{second_name}`"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn min(v: i128) -> Option<Bound> {
        Some(Bound {
            value: Num::Int(v),
            exclusive: false,
        })
    }

    #[test]
    fn ranges() {
        assert!(range("", "limit", &5i64, min(1), min(100)).is_ok());
        assert!(range("", "limit", &None::<i64>, min(1), min(100)).is_ok());
        let e = range("", "limit", &101i64, min(1), min(100)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid argument `limit`: must be at most 100 (got 101)"
        );
        let e = range("data_retention", "value", &0i64, min(1), None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid argument `data_retention.value`: must be at least 1 (got 0)"
        );
        let excl = Some(Bound {
            value: Num::Float(0.0),
            exclusive: true,
        });
        assert!(range("", "x", &0.0f64, excl, None).is_err());
        assert!(range("", "x", &0.5f64, excl, None).is_ok());
        assert!(range("", "x", &f64::NAN, min(0), None).is_err());
    }

    #[test]
    fn lengths() {
        assert!(length("", "name", "x", Some(1), Some(255)).is_ok());
        let e = length("", "name", "", Some(1), Some(255)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid argument `name`: length must be at least 1 (got 0)"
        );
        assert!(length("", "name", &"é".repeat(255), Some(1), Some(255)).is_ok());
        assert!(length("", "name", &Some(Some("x".repeat(256))), Some(1), Some(255)).is_err());
        assert!(length("", "name", &None::<String>, Some(1), None).is_ok());
    }
}
