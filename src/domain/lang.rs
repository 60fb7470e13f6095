//! The two user-facing languages. The UI reuses this type; domain messages and labels take it.

use serde::{Deserialize, Serialize};

/// A user-facing language: Simplified Chinese (default) or English.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The tag this device keeps for the chosen language (`"zh"` or `"en"`).
    pub fn pref_tag(self) -> &'static str {
        self.pick("zh", "en")
    }

    /// The language a kept tag names: Chinese unless English was chosen.
    pub fn from_pref_tag(tag: Option<&str>) -> Lang {
        match tag {
            Some("en") => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// Pick the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Declares `label(Lang)` for a plain enum from a table of `Variant => ("中文", "English")`.
macro_rules! labels {
    ($ty:ident { $($variant:ident => ($zh:expr, $en:expr)),+ $(,)? }) => {
        impl $ty {
            /// The name shown to people, in the given language.
            pub fn label(&self, lang: $crate::domain::Lang) -> &'static str {
                match self {
                    $(Self::$variant { .. } => lang.pick($zh, $en),)+
                }
            }
        }
    };
}
pub(crate) use labels;
