//! The 7 trin of a family's course, as a type: a `Trin` is always 1–7, checked when the YAML
//! is read, so no later stage needs a range check.

use serde::{Deserialize, Deserializer};
use std::fmt;

/// One of the 7 trin (1 Invitation … 7 Udfasning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Trin(u8);

impl Trin {
    pub const COUNT: u8 = 7;
    /// The Danish names, in order (for messages; pages take theirs from the strings file).
    pub const NAMES: [&'static str; 7] = [
        "Invitation",
        "Relation",
        "Kortlægning",
        "Planlægning",
        "Udvikling",
        "Realisering",
        "Udfasning",
    ];

    pub fn new(n: i64) -> Option<Trin> {
        (1..=Self::COUNT as i64)
            .contains(&n)
            .then_some(Trin(n as u8))
    }

    /// All 7, in order.
    pub fn all() -> impl Iterator<Item = Trin> {
        (1..=Self::COUNT).map(Trin)
    }

    pub fn number(self) -> u8 {
        self.0
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[self.0 as usize - 1]
    }
}

impl fmt::Display for Trin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl<'de> Deserialize<'de> for Trin {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Trin, D::Error> {
        // A visitor, so the error is raised while the scalar is read and carries its position.
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Trin;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an integer")
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Trin, E> {
                Trin::new(n).ok_or_else(|| {
                    let names: Vec<String> =
                        Trin::all().map(|t| format!("{t} {}", t.name())).collect();
                    E::custom(crate::source::value_error(
                        "trin skal være et tal fra 1 til 7",
                        n,
                        &format!("Skriv det trin, det handler om: {}.", names.join(", ")),
                    ))
                })
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Trin, E> {
                self.visit_i64(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        d.deserialize_i64(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_1_to_7() {
        assert_eq!(Trin::new(0), None);
        assert_eq!(Trin::new(8), None);
        assert_eq!(Trin::new(7).map(Trin::name), Some("Udfasning"));
        assert_eq!(Trin::all().count(), 7);
        let e = serde_yaml::from_str::<Trin>("9").unwrap_err().to_string();
        assert!(e.contains("1 til 7"), "{e}");
    }
}
