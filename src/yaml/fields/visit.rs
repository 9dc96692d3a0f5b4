//! The serde visitors that read a YAML document by the shapes of its fields: a field of a known
//! name is read as its [`Shape`] says, anything else is kept as written.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IgnoredAny, MapAccess, SeqAccess, VariantAccess, Visitor,
};

use super::{Field, Fields, Other, Shape, Value};

pub(super) enum Top {
    Fields(Fields),
    Other(&'static str),
    Empty,
}

pub(super) struct Document {
    pub(super) shapes: &'static [Field],
}

impl<'de> DeserializeSeed<'de> for Document {
    type Value = Top;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Top, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Document {
    type Value = Top;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`field: value` lines")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Top, A::Error> {
        Mapping { shapes: self.shapes }.visit_map(map).map(Top::Fields)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Top, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Top::Other("a list"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Top, E> {
        Ok(Top::Empty)
    }
    fn visit_none<E: de::Error>(self) -> Result<Top, E> {
        Ok(Top::Empty)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Top, E> {
        Ok(Top::Other("a single line of text"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Top, E> {
        Ok(Top::Other("a single value"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Top, E> {
        Ok(Top::Other("a single number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Top, E> {
        Ok(Top::Other("a single number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Top, E> {
        Ok(Top::Other("a single number"))
    }
}

/// A mapping whose fields have the given shapes.
pub(super) struct Mapping {
    shapes: &'static [Field],
}

impl<'de> DeserializeSeed<'de> for Mapping {
    type Value = Fields;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Fields, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Mapping {
    type Value = Fields;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`field: value` lines")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields::default();
        while let Some(key) = map.next_key_seed(Scalar)? {
            let Some(&Field { name, shape, .. }) = self.shapes.iter().find(|f| f.name == key) else {
                let value = map.next_value_seed(AnyValue)?;
                fields.unknown.push((key, value));
                continue;
            };
            let value = map.next_value_seed(shape)?;
            if fields.get(name).is_some() {
                fields.repeated.push(name);
            } else {
                fields.known.push((name, value));
            }
        }
        Ok(fields)
    }
}

impl<'de> DeserializeSeed<'de> for Shape {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        match self {
            Shape::Text => Scalar.deserialize(d).map(Value::Text),
            Shape::List => d.deserialize_any(ListOf(None)),
            Shape::Entries(shapes) => d.deserialize_any(ListOf(Some(shapes))),
            Shape::Group(shapes) => d.deserialize_any(GroupOf(shapes)).map(Value::Group),
        }
    }
}

/// One value, as written.
pub(super) struct Scalar;

impl<'de> DeserializeSeed<'de> for Scalar {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for Scalar {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a single value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
}

/// Any value, read as [`Other`].
pub(super) struct AnyValue;

impl<'de> DeserializeSeed<'de> for AnyValue {
    type Value = Other;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Other, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AnyValue {
    type Value = Other;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Other, E> {
        Ok(Other::Text(v.to_owned()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Other, E> {
        Ok(Other::Text(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Other, E> {
        Ok(Other::Text(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Other, E> {
        Ok(Other::Text(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Other, E> {
        Ok(Other::Text(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Other, E> {
        Ok(Other::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Other, E> {
        Ok(Other::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Other, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(AnyValue)? {
            items.push(item);
        }
        Ok(Other::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Other, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some(key) = map.next_key_seed(AnyValue)? {
            let key = match key {
                Other::Text(text) => text,
                other => serde_json::to_string(&other).unwrap_or_default(),
            };
            let value = map.next_value_seed(AnyValue)?;
            entries.entry(key).or_insert(value);
        }
        Ok(Other::Map(entries))
    }
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Other, A::Error> {
        let (tag, variant) = data.variant_seed(AnyValue)?;
        let tag = match tag {
            Other::Text(text) => format!("!{text}"),
            other => serde_json::to_string(&other).unwrap_or_default(),
        };
        let value = variant.newtype_variant_seed(AnyValue)?;
        Ok(Other::Map(BTreeMap::from([(tag, value)])))
    }
}

/// One mapping with the given shapes; empty or `~` reads as no fields.
pub(super) struct GroupOf(&'static [Field]);

impl<'de> Visitor<'de> for GroupOf {
    type Value = Fields;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a group of `field: value` lines, indented under it")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Fields, A::Error> {
        Mapping { shapes: self.0 }.visit_map(map)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Fields, E> {
        Ok(Fields::default())
    }
    fn visit_none<E: de::Error>(self) -> Result<Fields, E> {
        Ok(Fields::default())
    }
}

/// A list of single values (`None`) or of mappings with the given shapes.
pub(super) struct ListOf(Option<&'static [Field]>);

impl<'de> Visitor<'de> for ListOf {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.0 {
            None => f.write_str("a list, like `[6.1, 6.2]`"),
            Some(_) => f.write_str("a list of entries, each starting with `- `"),
        }
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        match self.0 {
            None => {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element_seed(Scalar)? {
                    items.push(item);
                }
                Ok(Value::List(items))
            }
            Some(shapes) => {
                let mut entries = Vec::new();
                while let Some(entry) = seq.next_element_seed(Mapping { shapes })? {
                    entries.push(entry);
                }
                Ok(Value::Entries(entries))
            }
        }
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(match self.0 {
            None => Value::List(Vec::new()),
            Some(_) => Value::Entries(Vec::new()),
        })
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.visit_unit()
    }
}
