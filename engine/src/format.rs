//! Printf-style formats of numbers, as Streamlit's `format` argument of
//! `st.number_input` and `st.slider`: `"%d"`, `"%.2f"`, `"%.1f%%"`, `"%e"`.
//!
//! Hand-written rather than taken from the `sprintf` crate: that one
//! overflows (a panic in debug builds) on `"%g"` of zero and on long widths,
//! and pads in quadratic time; brook must draw any format without a panic.

use std::fmt::Write as _;

/// The widest field and the most decimals a format may ask for.
const MAX_WIDTH: usize = 64;
/// The most decimals (or significant digits) a format may ask for.
const MAX_PRECISION: usize = 30;

/// A parsed printf-style format of one number: text before it, the
/// conversion (`%d`, `%i`, `%u`, `%f`, `%F`, `%e`, `%E`, `%g`, `%G`, with
/// the flags `-`, `+`, space, `0`, `#`, a width and a precision), and text
/// after it. `%%` is a literal percent sign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberFormat {
    before: String,
    after: String,
    left: bool,
    plus: bool,
    space: bool,
    zero: bool,
    alternate: bool,
    width: usize,
    precision: Option<usize>,
    conversion: char,
}

impl NumberFormat {
    /// Parses `format`.
    ///
    /// # Errors
    /// Why the format cannot be used, for the person: no conversion or more
    /// than one, a conversion that is not a number's (`%s`, `%x`), a width
    /// above 64 or a precision above 30.
    ///
    /// ```
    /// use brook_engine::format::NumberFormat;
    /// let format = NumberFormat::parse("%.1f%%").unwrap();
    /// assert_eq!(format.format(12.345), "12.3%");
    /// assert!(NumberFormat::parse("%s").is_err());
    /// ```
    pub fn parse(format: &str) -> Result<Self, String> {
        let mut before = String::new();
        let mut after = String::new();
        let mut found: Option<Self> = None;
        let mut chars = format.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                match &found {
                    Some(_) => after.push(c),
                    None => before.push(c),
                }
                continue;
            }
            if chars.peek() == Some(&'%') {
                chars.next();
                match &found {
                    Some(_) => after.push('%'),
                    None => before.push('%'),
                }
                continue;
            }
            if found.is_some() {
                return Err(format!(
                    "\"{format}\" has more than one conversion; a number is shown with one"
                ));
            }
            let mut spec = Self {
                before: String::new(),
                after: String::new(),
                left: false,
                plus: false,
                space: false,
                zero: false,
                alternate: false,
                width: 0,
                precision: None,
                conversion: 'd',
            };
            while let Some(&flag) = chars.peek() {
                match flag {
                    '-' => spec.left = true,
                    '+' => spec.plus = true,
                    ' ' => spec.space = true,
                    '0' => spec.zero = true,
                    '#' => spec.alternate = true,
                    _ => break,
                }
                chars.next();
            }
            spec.width = number(&mut chars, MAX_WIDTH, "width", format)?.unwrap_or(0);
            if chars.peek() == Some(&'.') {
                chars.next();
                spec.precision =
                    Some(number(&mut chars, MAX_PRECISION, "precision", format)?.unwrap_or(0));
            }
            while chars.peek().is_some_and(|c| matches!(c, 'l' | 'h' | 'L')) {
                chars.next();
            }
            spec.conversion = match chars.next() {
                Some(c @ ('d' | 'i' | 'u' | 'f' | 'F' | 'e' | 'E' | 'g' | 'G')) => c,
                Some(other) => {
                    return Err(format!(
                        "\"{format}\" has %{other}, which is not a number's conversion \
                         (use %d, %f, %e or %g)"
                    ));
                }
                None => return Err(format!("\"{format}\" ends inside a conversion")),
            };
            found = Some(spec);
        }
        let Some(mut spec) = found else {
            return Err(format!(
                "\"{format}\" has no conversion (%d, %f, %e or %g) for the number"
            ));
        };
        spec.before = before;
        spec.after = after;
        Ok(spec)
    }

    /// Whether the format shows integers (`%d`, `%i`, `%u`).
    pub fn is_integer(&self) -> bool {
        matches!(self.conversion, 'd' | 'i' | 'u')
    }

    /// `value` in the format: `"%.2f"` gives `"3.14"` for π, `"%d"` the
    /// nearest integer, `"%e"` `"3.141593e+00"`. NaN and infinities are
    /// `nan`, `inf` and `-inf`.
    pub fn format(&self, value: f64) -> String {
        let upper = self.conversion.is_ascii_uppercase();
        let (negative, body) = if !value.is_finite() {
            let text = if value.is_nan() { "nan" } else { "inf" };
            let text = if upper {
                text.to_uppercase()
            } else {
                text.to_owned()
            };
            (value.is_sign_negative() && !value.is_nan(), text)
        } else if self.is_integer() {
            let rounded = value.round();
            let digits = format!("{:.0}", rounded.abs());
            let min_digits = self.precision.unwrap_or(1);
            let digits = format!("{digits:0>min_digits$}");
            (rounded < 0.0, digits)
        } else {
            let precision = self.precision.unwrap_or(6);
            let body = match self.conversion {
                'e' | 'E' => exponential(value.abs(), precision, upper),
                'g' | 'G' => self.general(value.abs(), precision, upper),
                _ => format!("{:.precision$}", value.abs()),
            };
            let body =
                if self.alternate && !body.contains('.') && !matches!(self.conversion, 'g' | 'G') {
                    insert_point(&body)
                } else {
                    body
                };
            (value.is_sign_negative(), body)
        };
        let sign = if negative {
            "-"
        } else if self.plus {
            "+"
        } else if self.space {
            " "
        } else {
            ""
        };
        let len = sign.chars().count() + body.chars().count();
        let pad = self.width.saturating_sub(len);
        let mut out = String::with_capacity(self.before.len() + self.after.len() + len + pad);
        out.push_str(&self.before);
        if self.left {
            out.push_str(sign);
            out.push_str(&body);
            out.extend(std::iter::repeat_n(' ', pad));
        } else if self.zero && value.is_finite() {
            out.push_str(sign);
            out.extend(std::iter::repeat_n('0', pad));
            out.push_str(&body);
        } else {
            out.extend(std::iter::repeat_n(' ', pad));
            out.push_str(sign);
            out.push_str(&body);
        }
        out.push_str(&self.after);
        out
    }

    /// `%g`: `precision` significant digits, in fixed notation when the
    /// exponent is from -4 to below the precision, otherwise exponential;
    /// trailing zeros removed unless `#`.
    fn general(&self, abs: f64, precision: usize, upper: bool) -> String {
        let precision = precision.max(1);
        let probe = format!("{:.*e}", precision - 1, abs);
        let exponent: i32 = probe
            .rsplit_once('e')
            .and_then(|(_, e)| e.parse().ok())
            .unwrap_or(0);
        let digits = i64::try_from(precision).unwrap_or(i64::MAX);
        let text = if exponent >= -4 && i64::from(exponent) < digits {
            let decimals = usize::try_from(digits - 1 - i64::from(exponent)).unwrap_or(0);
            format!("{abs:.decimals$}")
        } else {
            exponential(abs, precision - 1, upper)
        };
        if self.alternate {
            return text;
        }
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(at) => text.split_at(at),
            None => (text.as_str(), ""),
        };
        let mantissa = if mantissa.contains('.') {
            mantissa.trim_end_matches('0').trim_end_matches('.')
        } else {
            mantissa
        };
        format!("{mantissa}{exponent}")
    }

    /// Reads a number typed in the box: the format's text around it (a `%`
    /// sign, a unit) may be kept or left out; spaces are ignored; `−` is a
    /// minus. `None` when it is not a finite number.
    pub fn parse_input(&self, text: &str) -> Option<f64> {
        let text = text.trim();
        let text = text.strip_prefix(self.before.trim()).unwrap_or(text).trim();
        let text = text.strip_suffix(self.after.trim()).unwrap_or(text);
        parse_number(text)
    }
}

/// A number typed by a person: spaces ignored, `−` as minus, a leading
/// `+` allowed. `None` unless finite.
pub fn parse_number(text: &str) -> Option<f64> {
    let text: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let text = text.strip_prefix('+').unwrap_or(&text);
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// C's `%e` of a non-negative finite number: `1.500000e+03`.
fn exponential(abs: f64, precision: usize, upper: bool) -> String {
    let text = format!("{abs:.precision$e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let mut out = String::from(mantissa);
    out.push(if upper { 'E' } else { 'e' });
    out.push(if exponent < 0 { '-' } else { '+' });
    let _ = write!(out, "{:02}", exponent.unsigned_abs());
    out
}

/// `"3"` as `"3."` and `"3e+00"` as `"3.e+00"`, for the `#` flag.
fn insert_point(body: &str) -> String {
    match body.find(['e', 'E']) {
        Some(at) => {
            let (mantissa, exponent) = body.split_at(at);
            format!("{mantissa}.{exponent}")
        }
        None => format!("{body}."),
    }
}

/// Reads the digits of a width or precision, at most `limit`.
fn number(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    limit: usize,
    what: &str,
    format: &str,
) -> Result<Option<usize>, String> {
    let mut value: Option<usize> = None;
    while let Some(digit) = chars.peek().and_then(|c| c.to_digit(10)) {
        chars.next();
        let next = value.unwrap_or(0) * 10 + digit as usize;
        if next > limit {
            return Err(format!("\"{format}\" asks for a {what} above {limit}"));
        }
        value = Some(next);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(format: &str, value: f64) -> String {
        NumberFormat::parse(format).map_or_else(|e| e, |f| f.format(value))
    }

    #[test]
    fn formats_as_printf_does() {
        assert_eq!(f("%d", 3.7), "4");
        assert_eq!(f("%d", -2.0), "-2");
        assert_eq!(f("%05d", 42.0), "00042");
        assert_eq!(f("%.2f", 0.5), "0.50");
        assert_eq!(f("%.1f%%", 12.345), "12.3%");
        assert_eq!(f("%e", 1500.0), "1.500000e+03");
        assert_eq!(f("%.2E", 0.000_123), "1.23E-04");
        assert_eq!(f("%e", 0.0), "0.000000e+00");
        assert_eq!(f("%g", 0.0), "0");
        assert_eq!(f("%g", 100_000.0), "100000");
        assert_eq!(f("%g", 1_000_000.0), "1e+06");
        assert_eq!(f("%g", 0.0001), "0.0001");
        assert_eq!(f("%.3g", 1.23456), "1.23");
        assert_eq!(f("%+.1f", 2.0), "+2.0");
        assert_eq!(f("%8.2f", -1.5), "   -1.50");
        assert_eq!(f("%-6d|", 7.0), "7     |");
        assert_eq!(f("%.1f", f64::NAN), "nan");
        assert_eq!(f("%05.1f", f64::NEG_INFINITY), " -inf");
        assert_eq!(f("%#.0f", 3.0), "3.");
        assert_eq!(f("%d items", 3.0), "3 items");
    }

    #[test]
    fn refuses_what_is_not_one_number_conversion() {
        for bad in [
            "",
            "no conversion",
            "%s",
            "%x",
            "%d %d",
            "%",
            "%.",
            "%999d",
            "%.99f",
            "$%,d",
        ] {
            assert!(NumberFormat::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn reads_typed_numbers_with_or_without_the_formats_text() {
        let percent = NumberFormat::parse("%.1f%%").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(percent.parse_input("12.5%"), Some(12.5));
        assert_eq!(percent.parse_input(" 12.5 "), Some(12.5));
        assert_eq!(percent.parse_input("−3"), Some(-3.0));
        assert_eq!(percent.parse_input("abc"), None);
        assert_eq!(percent.parse_input("inf"), None);
        let exp = NumberFormat::parse("%e").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(exp.parse_input("1.5e+03"), Some(1500.0));
    }
}
