//! Reading the file's tagged objects, `{"<tag>": "<name>", "<content>": …}`, in one pass.
//!
//! serde's derive for an adjacently tagged enum buffers the content whenever it might come
//! before the tag, and compiles every variant once per deserializer it meets: for the 31 event
//! kinds that was the largest piece of the app. Here the tag is read as a string and the content
//! is kept as the raw JSON text it is (`&RawValue`, borrowed from the input, never copied); then
//! an externally tagged mirror of the enum, declared by [`adjacent_enum!`] from the same tokens,
//! reads the content with serde_json's string reader, the one reader every payload and stored
//! row goes through. Writing is serde's own adjacently tagged derive, unchanged.
//!
//! The content is borrowed, so these enums read from `serde_json::from_str` only (not from a
//! `serde_json::Value`); every reader of the format parses text.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, VariantAccess,
    Visitor,
};
use serde_json::value::RawValue;

/// Declares an enum written as `{"<tag>": "<variant>", "<content>": …}` (serde's adjacent
/// tagging, variants in snake_case, unknown members refused) and read through [`read`].
/// `$remote` is the enum's name as a string, for serde's `remote` attribute.
macro_rules! adjacent_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($remote:literal, mirror $mirror:ident, tag $tag:literal, content $content:literal) {
            $($body:tt)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
        #[serde(tag = $tag, content = $content, rename_all = "snake_case")]
        pub enum $name {
            $($body)*
        }

        /// The same variants, externally tagged: what [`crate::format::tagged::read`] hands the
        /// content to. Never built; serde's `remote` derive builds the real enum directly.
        #[derive(Deserialize)]
        #[serde(remote = $remote, rename_all = "snake_case", deny_unknown_fields)]
        #[allow(dead_code)]
        enum $mirror {
            $($body)*
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                crate::format::tagged::read(d, $tag, $content, $mirror::deserialize)
            }
        }
    };
}
pub(crate) use adjacent_enum;

/// Reads `{"<tag>": …, "<content>": …}` in either order and hands the pair to `inner`, the
/// mirror enum's reader. The content may be absent (for variants that carry nothing).
pub fn read<'de, D, T>(
    d: D,
    tag: &'static str,
    content: &'static str,
    inner: fn(Tagged<'de>) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let tagged = d.deserialize_map(PairVisitor { tag, content })?;
    inner(tagged).map_err(|e| de::Error::custom(without_position(&e)))
}

/// The message of an error met inside the content, without the content's own line and
/// column (the outer reader adds the position in the whole input).
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    if e.line() == 0 {
        return text;
    }
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix)
        .map_or(text.clone(), str::to_owned)
}

/// The tag's value and the content's raw text.
pub struct Tagged<'de> {
    name: String,
    data: Option<&'de RawValue>,
    content: &'static str,
}

struct PairVisitor {
    tag: &'static str,
    content: &'static str,
}

enum Member {
    Tag,
    Content,
}

impl<'de> DeserializeSeed<'de> for &PairVisitor {
    type Value = Member;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Member, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for &PairVisitor {
    type Value = Member;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "`{}` or `{}`", self.tag, self.content)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Member, E> {
        if v == self.tag {
            Ok(Member::Tag)
        } else if v == self.content {
            Ok(Member::Content)
        } else {
            Err(E::custom(format_args!(
                "unknown field `{v}`, expected `{}` or `{}`",
                self.tag, self.content
            )))
        }
    }
}

impl<'de> Visitor<'de> for PairVisitor {
    type Value = Tagged<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an object with `{}` and `{}`", self.tag, self.content)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tagged<'de>, A::Error> {
        let mut name: Option<String> = None;
        let mut data: Option<&'de RawValue> = None;
        while let Some(member) = map.next_key_seed(&self)? {
            match member {
                Member::Tag if name.is_some() => return Err(de::Error::duplicate_field(self.tag)),
                Member::Tag => name = Some(map.next_value()?),
                Member::Content if data.is_some() => {
                    return Err(de::Error::duplicate_field(self.content));
                }
                Member::Content => data = Some(map.next_value()?),
            }
        }
        let name = name.ok_or_else(|| de::Error::missing_field(self.tag))?;
        Ok(Tagged {
            name,
            data,
            content: self.content,
        })
    }
}

impl<'de> Tagged<'de> {
    fn content(&self) -> Result<&'de str, serde_json::Error> {
        self.data
            .map(RawValue::get)
            .ok_or_else(|| de::Error::missing_field(self.content))
    }
}

impl<'de> Deserializer<'de> for Tagged<'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_enum(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> EnumAccess<'de> for Tagged<'de> {
    type Error = serde_json::Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self), Self::Error> {
        let variant = seed.deserialize(self.name.as_str().into_deserializer())?;
        Ok((variant, self))
    }
}

impl<'de> VariantAccess<'de> for Tagged<'de> {
    type Error = serde_json::Error;

    fn unit_variant(self) -> Result<(), Self::Error> {
        match self.data.map(|d| d.get().trim()) {
            None | Some("null") => Ok(()),
            Some(_) => Err(de::Error::custom(format_args!(
                "`{}` carries no `{}`",
                self.name, self.content
            ))),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        let mut de = serde_json::Deserializer::from_str(self.content()?);
        seed.deserialize(&mut de)
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let mut de = serde_json::Deserializer::from_str(self.content()?);
        de.deserialize_tuple(len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let mut de = serde_json::Deserializer::from_str(self.content()?);
        de.deserialize_struct("", fields, visitor)
    }
}
