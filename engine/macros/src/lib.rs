//! brook's caching attribute macros, `#[cache_data]` and `#[cache_resource]`.
//! Use them through `brook` (`use brook::prelude::*;`):
//!
//! ```ignore
//! #[cache_data(ttl = "10m", show_spinner = "Loading sales…")]
//! fn load_sales(region: String) -> Vec<f64> { /* slow */ vec![] }
//!
//! let sales = load_sales("north".into()); // `Cached<Vec<f64>>`, derefs to the Vec
//! load_sales::clear();                    // every entry of the function
//! ```
//!
//! The macro keeps the function a plain function: the same name, the same
//! parameters. `cache_data` returns `brook::caching::Cached<T>` (copy on
//! write), `cache_resource` returns `Arc<T>` (one shared object). A module
//! of the function's name holds `clear()`, `clear_entry(args)`, `len()` and
//! `wait_for_refreshes()`.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{format_ident, quote};
use syn::{Expr, FnArg, ItemFn, Lit, LitStr, Pat, ReturnType, Type, parse_macro_input};

/// Caches a function's return value by its arguments: a hit returns a
/// copy-on-write handle to the stored value (`Cached<T>`), so a caller can
/// mutate what it got without any other caller seeing it.
///
/// Parameters (all optional): `ttl = "10m"` or `ttl = <Duration expr>`,
/// `max_entries = N`, `show_spinner = false | "text"`, `show_time = false`
/// (the spinner shows the elapsed time unless this is false), `persist = "disk"`,
/// `scope = "global" | "session"`, `refresh_mode = "foreground" |
/// "background"`. Parameters named `_x` and a `&St` parameter are left out
/// of the key.
///
/// With `refresh_mode = "background"` (which needs a `ttl`), an entry older
/// than its ttl but younger than ttl times the stale multiplier (2 by
/// default, `brook::config::set_stale_multiplier`) is returned at once, with no
/// spinner, while one computation on another thread replaces it; the
/// function then takes no `&St` and only owned parameters.
#[proc_macro_attribute]
pub fn cache_data(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(Kind::Data, args, item)
}

/// Caches a shared resource: every caller gets the same object (`Arc<T>`);
/// mutating it needs a lock inside `T`.
///
/// With `refresh_mode = "background"` and `on_release`, the object a
/// refresh replaces is released when the new one is stored, as on a clear:
/// a caller still holding the old `Arc` keeps a released object, so make
/// `on_release` safe for that (close a pool, not a connection in use).
///
/// Parameters: as [`macro@cache_data`] (`refresh_mode` too) without
/// `persist`, plus
/// `validate = path_to_fn` (`fn(&T) -> bool`, checked on every hit) and
/// `on_release = path_to_fn` (`fn(&T)`, called when an entry is removed).
#[proc_macro_attribute]
pub fn cache_resource(args: TokenStream, item: TokenStream) -> TokenStream {
    expand(Kind::Resource, args, item)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Data,
    Resource,
}

#[derive(Default)]
struct Options {
    ttl: Option<Tokens>,
    max_entries: Option<Expr>,
    spinner: Option<Option<LitStr>>,
    persist: bool,
    session: bool,
    validate: Option<Expr>,
    on_release: Option<Expr>,
    /// `show_time = false` turns the spinner's elapsed time off.
    hide_time: bool,
    /// `refresh_mode = "background"`, with the literal (for errors).
    background: Option<LitStr>,
}

fn expand(kind: Kind, args: TokenStream, item: TokenStream) -> TokenStream {
    let mut options = Options::default();
    let parser = syn::meta::parser(|meta| {
        let name = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        match name.as_str() {
            "ttl" => {
                let value: Expr = meta.value()?.parse()?;
                options.ttl = Some(ttl_tokens(&value)?);
            }
            "max_entries" => options.max_entries = Some(meta.value()?.parse()?),
            "show_spinner" => {
                let value: Lit = meta.value()?.parse()?;
                options.spinner = match value {
                    Lit::Bool(b) if b.value() => None,
                    Lit::Bool(_) => Some(None),
                    Lit::Str(s) => Some(Some(s)),
                    other => {
                        return Err(syn::Error::new_spanned(
                            other,
                            "show_spinner takes true, false or a text",
                        ));
                    }
                };
            }
            "show_time" => {
                let value: syn::LitBool = meta.value()?.parse()?;
                options.hide_time = !value.value();
            }
            "persist" if kind == Kind::Data => {
                let value: Lit = meta.value()?.parse()?;
                options.persist = match &value {
                    Lit::Str(s) if s.value() == "disk" => true,
                    Lit::Bool(b) => b.value(),
                    other => {
                        return Err(syn::Error::new_spanned(
                            other,
                            "Unsupported persist option. Valid values are \"disk\", true or false (B42).",
                        ));
                    }
                };
            }
            "scope" => {
                let value: LitStr = meta.value()?.parse()?;
                options.session = match value.value().as_str() {
                    "global" => false,
                    "session" => true,
                    other => {
                        return Err(syn::Error::new_spanned(
                            &value,
                            format!(
                                "Unsupported scope option '{other}'. Valid values are 'global' or 'session'."
                            ),
                        ));
                    }
                };
            }
            "refresh_mode" => {
                let value: LitStr = meta.value()?.parse()?;
                options.background = match value.value().as_str() {
                    "foreground" => None,
                    "background" => Some(value),
                    other => {
                        return Err(syn::Error::new_spanned(
                            &value,
                            format!(
                                "Unsupported refresh_mode '{other}'. Valid values are 'foreground' or \
                                 'background' (B52)."
                            ),
                        ));
                    }
                };
            }
            "validate" if kind == Kind::Resource => options.validate = Some(meta.value()?.parse()?),
            "on_release" if kind == Kind::Resource => {
                options.on_release = Some(meta.value()?.parse()?)
            }
            _ => {
                let known = match kind {
                    Kind::Data => {
                        "ttl, max_entries, show_spinner, show_time, persist, scope, refresh_mode"
                    }
                    Kind::Resource => {
                        "ttl, max_entries, show_spinner, show_time, scope, refresh_mode, validate, \
                         on_release"
                    }
                };
                return Err(meta.error(format!(
                    "unknown parameter `{name}`; this macro takes {known}"
                )));
            }
        }
        Ok(())
    });
    parse_macro_input!(args with parser);
    let function = parse_macro_input!(item as ItemFn);
    match generate(kind, &options, function) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// A ttl literal string ("10m", "1h30m", "1.5 days") becomes a Duration at
/// compile time; any other expression is used as a `Duration` as is.
fn ttl_tokens(value: &Expr) -> syn::Result<Tokens> {
    if let Expr::Lit(lit) = value {
        match &lit.lit {
            Lit::Str(s) => {
                let nanos =
                    parse_duration(&s.value()).map_err(|msg| syn::Error::new_spanned(s, msg))?;
                return Ok(quote!(::std::time::Duration::from_nanos(#nanos)));
            }
            Lit::Int(i) => {
                let secs: u64 = i.base10_parse()?;
                return Ok(quote!(::std::time::Duration::from_secs(#secs)));
            }
            Lit::Float(f) => {
                let secs: f64 = f.base10_parse()?;
                return Ok(quote!(::std::time::Duration::from_secs_f64(#secs)));
            }
            _ => {}
        }
    }
    Ok(quote!(#value))
}

/// Parses pandas-Timedelta-like text: "1d", "1.5 days", "1h23s", "30m",
/// "250ms". A number without a unit is nanoseconds.
fn parse_duration(text: &str) -> Result<u64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("an empty ttl".into());
    }
    if let Ok(nanos) = text.parse::<u64>() {
        return Ok(nanos);
    }
    let mut total = 0f64;
    let mut rest = text;
    while !rest.trim_start().is_empty() {
        rest = rest.trim_start();
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..number_len]
            .parse()
            .map_err(|_| format!("cannot read ttl \"{text}\": expected a number at \"{rest}\""))?;
        rest = rest[number_len..].trim_start();
        let unit_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let seconds = match unit {
            "d" | "day" | "days" => 86_400.0,
            "h" | "hr" | "hour" | "hours" => 3_600.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
            "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
            "ms" | "milli" | "millis" | "milliseconds" => 1e-3,
            "us" | "micros" | "microseconds" => 1e-6,
            "ns" | "nanos" | "nanoseconds" => 1e-9,
            "w" | "week" | "weeks" => 604_800.0,
            other => {
                return Err(format!(
                    "cannot read ttl \"{text}\": unknown unit \"{other}\" (use d, h, m, s, ms)"
                ));
            }
        };
        total += number * seconds;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a ttl fits u64 nanoseconds"
    )]
    Ok((total * 1e9).round() as u64)
}

/// What `refresh_mode = "background"` needs: a ttl to be
/// stale after, a ttl that is not ignored, no script context, and owned
/// parameters that can move to the refreshing thread.
fn check_background(
    options: &Options,
    background: &LitStr,
    takes_st: bool,
    sig: &syn::Signature,
) -> syn::Result<()> {
    if options.ttl.is_none() {
        return Err(syn::Error::new_spanned(
            background,
            "The 'refresh_mode=\"background\"' option requires a 'ttl' value: an entry is refreshed once \
             it is older than its ttl. Add e.g. `ttl = \"10m\"` (B52).",
        ));
    }
    if options.persist {
        return Err(syn::Error::new_spanned(
            background,
            "refresh_mode = \"background\" needs a ttl, and persist = \"disk\" ignores ttl (B35): drop \
             one of them",
        ));
    }
    if takes_st {
        return Err(syn::Error::new_spanned(
            background,
            "a function refreshed in the background runs with no script context, so it cannot take \
             `&St` or show elements (B54, B55): drop the St parameter or refresh_mode",
        ));
    }
    for input in &sig.inputs {
        // A borrow anywhere in the type (`&str`, `Option<&str>`).
        if let FnArg::Typed(typed) = input
            && type_borrows(&typed.ty)
        {
            return Err(syn::Error::new_spanned(
                &typed.ty,
                "refresh_mode = \"background\" computes again on another thread, so parameters must be \
                 owned values (`String`, not `&str`; `Vec<T>`, not `&[T]`)",
            ));
        }
    }
    Ok(())
}

/// Whether a type holds a borrow that is not `'static` anywhere: `&T`, or
/// `Option<&T>` (`&'static str` can move to another thread).
fn type_borrows(ty: &Type) -> bool {
    let text = quote!(#ty).to_string();
    text.split('&')
        .skip(1)
        .any(|after| !after.trim_start().starts_with("'static"))
}

fn is_st(ty: &Type) -> bool {
    let ty = match ty {
        Type::Reference(r) => &*r.elem,
        other => other,
    };
    matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "St"))
}

fn generate(kind: Kind, options: &Options, function: ItemFn) -> syn::Result<Tokens> {
    let sig = &function.sig;
    if !sig.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &sig.generics,
            "cached functions cannot be generic",
        ));
    }
    if sig.asyncness.is_some() {
        return Err(syn::Error::new_spanned(
            sig.asyncness,
            "cached functions cannot be async (E1.8)",
        ));
    }
    let name = &sig.ident;
    let vis = &function.vis;
    let attrs = &function.attrs;
    let body = &function.block;
    let output: Type = match &sig.output {
        ReturnType::Type(_, ty) => (**ty).clone(),
        ReturnType::Default => syn::parse_quote!(()),
    };

    let mut key_args = Vec::new(); // (ident, type)
    let mut st_arg = None;
    for input in &sig.inputs {
        let FnArg::Typed(typed) = input else {
            return Err(syn::Error::new_spanned(
                input,
                "cached methods are not supported yet: cache a free function taking the value instead",
            ));
        };
        let Pat::Ident(pat) = &*typed.pat else {
            return Err(syn::Error::new_spanned(
                &typed.pat,
                "cached function parameters must be plain names",
            ));
        };
        if is_st(&typed.ty) {
            st_arg = Some(pat.ident.clone());
        } else if !pat.ident.to_string().starts_with('_') {
            key_args.push((pat.ident.clone(), (*typed.ty).clone()));
        }
    }

    if let Some(background) = &options.background {
        check_background(options, background, st_arg.is_some(), sig)?;
    }

    let source_hash = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        quote!(#function).to_string().hash(&mut hasher);
        hasher.finish()
    };
    let name_text = name.to_string();
    let spinner_text = match &options.spinner {
        None => {
            let args = if sig.inputs.is_empty() { "" } else { "..." };
            let text = format!("Running `{name_text}({args})`.");
            quote!(::core::option::Option::Some(#text))
        }
        Some(Some(s)) if !s.value().is_empty() => quote!(::core::option::Option::Some(#s)),
        Some(_) => quote!(::core::option::Option::None),
    };
    let ttl = match &options.ttl {
        Some(ttl) if !options.persist => quote!(::core::option::Option::Some(#ttl)),
        _ => quote!(::core::option::Option::None),
    };
    let ttl_ignored = options.persist && options.ttl.is_some();
    let max_entries = match &options.max_entries {
        Some(n) => quote!(::core::option::Option::Some(#n)),
        None => quote!(::core::option::Option::None),
    };
    let session = options.session;
    let show_time = !options.hide_time;
    let persist = options.persist;
    let cache_static = format_ident!("__BROOK_CACHE_{}", name);
    let name_hidden = format_ident!("__brook_cache_of_{}", name);
    let key_idents: Vec<_> = key_args.iter().map(|(i, _)| i).collect();
    let key_names: Vec<String> = key_idents.iter().map(ToString::to_string).collect();
    let key_types: Vec<_> = key_args.iter().map(|(_, t)| t).collect();
    let st_expr = match &st_arg {
        Some(st) => {
            quote!(::core::option::Option::Some(::core::borrow::Borrow::<::brook::St>::borrow(#st)))
        }
        None => quote!(::core::option::Option::None),
    };
    let p = quote!(::brook::caching::__private);

    let refresh = if options.background.is_some() {
        quote!(#p::RefreshMode::Background)
    } else {
        quote!(#p::RefreshMode::Foreground)
    };
    let (value_type, stored, call, disk) = match kind {
        Kind::Data if options.background.is_some() => (
            quote!(::brook::caching::Cached<#output>),
            quote!(::std::sync::Arc<#output>),
            quote!(#p::call_data_refreshable(cache, __key, move || -> #output #body)),
            quote!(::core::option::Option::None),
        ),
        Kind::Resource if options.background.is_some() => (
            quote!(::std::sync::Arc<#output>),
            quote!(::std::sync::Arc<#output>),
            quote!(#p::call_resource_refreshable(cache, __key, move || -> #output #body)),
            quote!(::core::option::Option::None),
        ),
        Kind::Data => {
            let disk = if persist {
                quote!(::core::option::Option::Some(#p::disk_codec::<#output>()))
            } else {
                quote!(::core::option::Option::None)
            };
            (
                quote!(::brook::caching::Cached<#output>),
                quote!(::std::sync::Arc<#output>),
                quote!(#p::call_data(cache, __key, #st_expr, move || -> #output #body)),
                disk,
            )
        }
        Kind::Resource => (
            quote!(::std::sync::Arc<#output>),
            quote!(::std::sync::Arc<#output>),
            quote!(#p::call_resource(cache, __key, #st_expr, move || -> #output #body)),
            quote!(::core::option::Option::None),
        ),
    };
    let validate = match &options.validate {
        Some(f) => {
            quote!(::core::option::Option::Some(|v: &::std::sync::Arc<#output>| -> bool { (#f)(&**v) }))
        }
        None => quote!(::core::option::Option::None),
    };
    let on_release = match &options.on_release {
        Some(f) => quote!(::core::option::Option::Some(|v: &::std::sync::Arc<#output>| (#f)(&**v))),
        None => quote!(::core::option::Option::None),
    };
    let kind_tokens = match kind {
        Kind::Data => quote!(#p::Kind::Data),
        Kind::Resource => quote!(#p::Kind::Resource),
    };
    let inputs = &sig.inputs;
    let mod_vis = match vis {
        syn::Visibility::Inherited => quote!(pub(super)),
        other => quote!(#other),
    };

    Ok(quote! {
        #[doc(hidden)]
        #[allow(dead_code)]
        fn #name_hidden() -> &'static #p::FunctionCache<#stored> {
            #name::__cache()
        }

        #(#attrs)*
        #vis fn #name(#inputs) -> #value_type {
            let cache = #name::__cache();
            let __key = {
                let mut __hasher = #p::KeyHasher::new();
                #( #p::hash_arg(&mut __hasher, #key_names, &#key_idents); )*
                __hasher.finish()
            };
            #call
        }

        /// Clearing the cache of the function of the same name.
        #[allow(dead_code)]
        #vis mod #name {
            #[allow(unused_imports)]
            use super::*;

            #[allow(non_upper_case_globals)]
            static #cache_static: #p::CacheCell<#stored> = #p::CacheCell::new();

            /// The function's cache.
            #[doc(hidden)]
            #mod_vis fn __cache() -> &'static #p::FunctionCache<#stored> {
                #cache_static.get_or_init(|| #p::FunctionInfo {
                    name: #name_text,
                    module: ::core::module_path!(),
                    source_hash: #source_hash,
                    kind: #kind_tokens,
                    ttl: #ttl,
                    ttl_ignored: #ttl_ignored,
                    max_entries: #max_entries,
                    spinner: #spinner_text,
                    show_time: #show_time,
                    session_scope: #session,
                    refresh: #refresh,
                }, #disk, #validate, #on_release)
            }

            /// Removes every cached entry of the function.
            #mod_vis fn clear() {
                __cache().clear();
            }

            /// Removes the entry for these arguments, hashed as in a call.
            #[allow(clippy::too_many_arguments)]
            #mod_vis fn clear_entry(#(#key_idents: #key_types),*) {
                let mut __hasher = #p::KeyHasher::new();
                #( #p::hash_arg(&mut __hasher, #key_names, &#key_idents); )*
                __cache().clear_entry(__hasher.finish());
            }

            /// The number of entries cached now (all sessions).
            #mod_vis fn len() -> usize {
                __cache().len()
            }

            /// Blocks until no background refresh of the function is
            /// running (`refresh_mode = "background"`): a test's way to know
            /// a refresh stored its value.
            #mod_vis fn wait_for_refreshes() {
                __cache().wait_for_refreshes();
            }
        }
    })
}
