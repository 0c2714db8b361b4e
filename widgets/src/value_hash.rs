//! Hashes a value through its `Serialize`, writing what serde gives
//! straight into a hasher: no text is formatted and nothing is allocated.
//! A component's default is part of a keyless component's identity, and
//! its value type need not be `Hash` (an `f64`), but it is `Serialize`.
//!
//! Each piece is written with a tag of its kind, and sequences and maps
//! with their length or an end mark, so two different values of one type
//! give different streams.

use std::hash::{Hash, Hasher};

use serde::Serialize;
use serde::ser::{
    self, SerializeMap, SerializeSeq, SerializeStruct, SerializeStructVariant, SerializeTuple,
    SerializeTupleStruct, SerializeTupleVariant,
};

/// Writes `value` into `state` through its `Serialize`; `false` when its
/// `Serialize` refused (what was written so far stays in the hasher).
pub(crate) fn hash_serialized<T: Serialize + ?Sized, H: Hasher>(value: &T, state: &mut H) -> bool {
    value.serialize(&mut Feed(state)).is_ok()
}

/// The serializer: feeds each piece into the hasher.
struct Feed<'h, H>(&'h mut H);

/// A `Serialize` that refused (its message is not kept: the caller falls
/// back to another way of hashing).
#[derive(Debug)]
pub(crate) struct Refused;

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the value's Serialize refused")
    }
}

impl std::error::Error for Refused {}

impl ser::Error for Refused {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Self
    }
}

/// The kinds of piece, written before each.
#[derive(Clone, Copy)]
#[repr(u8)]
enum Tag {
    Bool,
    Int,
    Uint,
    Float,
    Char,
    Str,
    Bytes,
    None,
    Some,
    Unit,
    Variant,
    Seq,
    Map,
    Struct,
    End,
}

impl<H: Hasher> Feed<'_, H> {
    fn tag(&mut self, tag: Tag) {
        self.0.write_u8(tag as u8);
    }

    /// A sequence or map: its length when known, else an end mark after it.
    fn open(&mut self, tag: Tag, len: Option<usize>) {
        self.tag(tag);
        len.hash(self.0);
    }
}

/// Narrow numbers written as their widest kind, so an `i8` and an `i64`
/// of one value hash alike.
macro_rules! widen {
    ($($method:ident: $narrow:ty => $wide:ident,)+) => {$(
        fn $method(self, v: $narrow) -> Result<(), Refused> {
            self.$wide(v.into())
        }
    )+};
}

impl<H: Hasher> ser::Serializer for &mut Feed<'_, H> {
    type Ok = ();
    type Error = Refused;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    widen! {
        serialize_i8: i8 => serialize_i64,
        serialize_i16: i16 => serialize_i64,
        serialize_i32: i32 => serialize_i64,
        serialize_u8: u8 => serialize_u64,
        serialize_u16: u16 => serialize_u64,
        serialize_u32: u32 => serialize_u64,
        serialize_f32: f32 => serialize_f64,
    }

    fn serialize_bool(self, v: bool) -> Result<(), Refused> {
        self.tag(Tag::Bool);
        v.hash(self.0);
        Ok(())
    }

    fn serialize_i64(self, v: i64) -> Result<(), Refused> {
        self.tag(Tag::Int);
        self.0.write_i64(v);
        Ok(())
    }

    fn serialize_i128(self, v: i128) -> Result<(), Refused> {
        self.tag(Tag::Int);
        self.0.write_i128(v);
        Ok(())
    }

    fn serialize_u64(self, v: u64) -> Result<(), Refused> {
        self.tag(Tag::Uint);
        self.0.write_u64(v);
        Ok(())
    }

    fn serialize_u128(self, v: u128) -> Result<(), Refused> {
        self.tag(Tag::Uint);
        self.0.write_u128(v);
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), Refused> {
        self.tag(Tag::Float);
        self.0.write_u64(v.to_bits());
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Refused> {
        self.tag(Tag::Char);
        self.0.write_u32(v.into());
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Refused> {
        self.tag(Tag::Str);
        v.hash(self.0);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Refused> {
        self.tag(Tag::Bytes);
        v.hash(self.0);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Refused> {
        self.tag(Tag::None);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Refused> {
        self.tag(Tag::Some);
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Refused> {
        self.tag(Tag::Unit);
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Refused> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        variant_index: u32,
        _variant: &'static str,
    ) -> Result<(), Refused> {
        self.tag(Tag::Variant);
        self.0.write_u32(variant_index);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        variant_index: u32,
        _variant: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        self.tag(Tag::Variant);
        self.0.write_u32(variant_index);
        value.serialize(self)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self, Refused> {
        self.open(Tag::Seq, len);
        Ok(self)
    }

    fn serialize_tuple(self, len: usize) -> Result<Self, Refused> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self, Refused> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        variant_index: u32,
        _variant: &'static str,
        len: usize,
    ) -> Result<Self, Refused> {
        self.tag(Tag::Variant);
        self.0.write_u32(variant_index);
        self.serialize_seq(Some(len))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self, Refused> {
        self.open(Tag::Map, len);
        Ok(self)
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Self, Refused> {
        self.open(Tag::Struct, Some(len));
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        variant_index: u32,
        _variant: &'static str,
        len: usize,
    ) -> Result<Self, Refused> {
        self.tag(Tag::Variant);
        self.0.write_u32(variant_index);
        self.serialize_struct(name, len)
    }
}

/// The parts of a sequence, tuple or map: each written in turn, then an
/// end mark.
macro_rules! compound {
    ($($trait:ident: $($method:ident),+;)+) => {$(
        impl<H: Hasher> $trait for &mut Feed<'_, H> {
            type Ok = ();
            type Error = Refused;

            $(fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Refused> {
                value.serialize(&mut **self)
            })+

            fn end(self) -> Result<(), Refused> {
                self.tag(Tag::End);
                Ok(())
            }
        }
    )+};
}

compound! {
    SerializeSeq: serialize_element;
    SerializeTuple: serialize_element;
    SerializeTupleStruct: serialize_field;
    SerializeTupleVariant: serialize_field;
    SerializeMap: serialize_key, serialize_value;
}

/// The fields of a struct: each named, then an end mark.
macro_rules! fields {
    ($($trait:ident),+) => {$(
        impl<H: Hasher> $trait for &mut Feed<'_, H> {
            type Ok = ();
            type Error = Refused;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Refused> {
                // Fields a struct skips (`skip_serializing_if`) leave the
                // others where they were: the name says which field a
                // value is.
                key.hash(self.0);
                value.serialize(&mut **self)
            }

            fn end(self) -> Result<(), Refused> {
                self.tag(Tag::End);
                Ok(())
            }
        }
    )+};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::hash::DefaultHasher;

    use serde::Serialize;

    use super::hash_serialized;

    fn hash_of<T: Serialize>(value: &T) -> u64 {
        let mut hasher = DefaultHasher::new();
        assert!(hash_serialized(value, &mut hasher));
        std::hash::Hasher::finish(&hasher)
    }

    #[derive(Serialize)]
    enum Shape {
        Dot,
        Circle(f64),
        Rect { w: f64, h: f64 },
    }

    #[test]
    fn equal_values_hash_alike_and_different_ones_apart() {
        assert_eq!(hash_of(&3_i64), hash_of(&3_i64));
        assert_ne!(hash_of(&3_i64), hash_of(&4_i64));
        // Narrow numbers are written wide: the kind, not the width, counts.
        assert_eq!(hash_of(&3_i8), hash_of(&3_i64));
        assert_ne!(hash_of(&3_u8), hash_of(&3_i64));
        assert_ne!(hash_of(&0.0_f64), hash_of(&-0.0_f64));
        assert_eq!(hash_of(&f64::NAN), hash_of(&f64::NAN));
        assert_ne!(hash_of(&"ab"), hash_of(&"a"));
        // Where a sequence ends matters: ["ab", ""] is not ["a", "b"].
        assert_ne!(hash_of(&vec!["ab", ""]), hash_of(&vec!["a", "b"]));
        assert_ne!(hash_of(&Some(0_u8)), hash_of(&None::<u8>));
        assert_ne!(hash_of(&Shape::Dot), hash_of(&Shape::Circle(0.0)));
        assert_ne!(
            hash_of(&Shape::Rect { w: 1.0, h: 2.0 }),
            hash_of(&Shape::Rect { w: 2.0, h: 1.0 })
        );
        fn map(pairs: &[(&'static str, i32)]) -> BTreeMap<&'static str, i32> {
            pairs.iter().copied().collect()
        }
        assert_eq!(hash_of(&map(&[("a", 1)])), hash_of(&map(&[("a", 1)])));
        assert_ne!(hash_of(&map(&[("a", 1)])), hash_of(&map(&[("a", 2)])));
    }

    #[test]
    fn a_refusing_serialize_is_reported() {
        struct Refuses;
        impl Serialize for Refuses {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("no"))
            }
        }
        let mut hasher = DefaultHasher::new();
        assert!(!hash_serialized(&Refuses, &mut hasher));
    }
}
