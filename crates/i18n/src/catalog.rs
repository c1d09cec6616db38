//! The Fluent files, embedded at build time and parsed once.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use klacht_domain::Language;

/// Reads the named files of one language's folder into the binary.
macro_rules! embed {
    ($dir:literal: $($file:literal),+ $(,)?) => {
        [$(($file, include_str!(concat!("../locales/", $dir, "/", $file)))),+]
    };
}

/// One language's files, in the order they are read. A new file is named
/// here once; every language must have it (the build fails otherwise).
macro_rules! files {
    ($dir:literal) => {
        embed!($dir:
            "common.ftl",
            "labels.ftl",
            "public.ftl",
            "mail.ftl",
            "documents.ftl",
            "staff.ftl",
            "complaints.ftl",
            "overview.ftl",
            "admin.ftl",
            "api.ftl",
            "refusals.ftl",
            "reports.ftl",
            "pages.ftl",
            "procedure.ftl",
        )
    };
}

/// Every language's Fluent files: (file name, text).
pub const FILES: [(Language, &[(&str, &str)]); 2] =
    [(Language::Nl, &files!("nl")), (Language::En, &files!("en"))];

fn sources(language: Language) -> &'static [(&'static str, &'static str)] {
    FILES
        .iter()
        .find(|(l, _)| *l == language)
        .map_or(&[], |(_, files)| files)
}

struct Catalog {
    bundles: Vec<(Language, FluentBundle<FluentResource>)>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog {
    bundles: Language::ALL
        .into_iter()
        .map(|language| (language, bundle(language)))
        .collect(),
});

fn langid(language: Language) -> unic_langid::LanguageIdentifier {
    language.code().parse().unwrap_or_default()
}

fn bundle(language: Language) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![langid(language)]);
    // Pages and mails are left to right; the isolation marks around
    // placeholders would end up in subjects and copied text.
    bundle.set_use_isolating(false);
    if let Err(e) = bundle.add_function("SENTENCE", sentence) {
        tracing::error!(language = language.code(), ?e, "functie SENTENCE");
    }
    for (file, text) in sources(language) {
        let resource = FluentResource::try_new((*text).to_owned()).unwrap_or_else(|(r, errors)| {
            tracing::error!(
                language = language.code(),
                file,
                ?errors,
                "Fluent-bestand met fouten"
            );
            r
        });
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(
                language = language.code(),
                file,
                ?errors,
                "dubbele sleutels"
            );
        }
    }
    bundle
}

/// `SENTENCE($text)`: the text as a sentence of its own, with a capital
/// first and a full stop at the end (a refusal worded as a phrase, shown
/// on its own at a field).
fn sentence<'a>(positional: &[FluentValue<'a>], _named: &FluentArgs) -> FluentValue<'a> {
    match positional.first() {
        Some(FluentValue::String(text)) => FluentValue::from(klacht_domain::dutch::sentence(text)),
        Some(other) => other.clone(),
        None => FluentValue::Error,
    }
}

impl Catalog {
    fn bundle(&self, language: Language) -> Option<&FluentBundle<FluentResource>> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == language)
            .map(|(_, b)| b)
    }
}

/// A value for a placeholder.
pub trait Arg {
    fn value(&self) -> FluentValue<'static>;
}

impl Arg for str {
    fn value(&self) -> FluentValue<'static> {
        FluentValue::from(self.to_owned())
    }
}

impl Arg for String {
    fn value(&self) -> FluentValue<'static> {
        FluentValue::from(self.clone())
    }
}

impl<T: Arg + ?Sized> Arg for &T {
    fn value(&self) -> FluentValue<'static> {
        (**self).value()
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn value(&self) -> FluentValue<'static> {
                FluentValue::from(*self)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// The message in `language`, else in Dutch, else its key (logged: the
/// tests keep every key in every language).
pub(crate) fn format(
    language: Language,
    key: &str,
    args: &[(&str, FluentValue<'static>)],
) -> String {
    let catalog = &*CATALOG;
    for language in [language, Language::default()] {
        let Some(bundle) = catalog.bundle(language) else {
            continue;
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            continue;
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, language = language.code(), ?errors, "tekst onvolledig");
        }
        return text.into_owned();
    }
    tracing::warn!(key, "geen tekst voor deze sleutel");
    key.to_owned()
}

/// Whether the reference language has `key`.
pub(crate) fn has(key: &str) -> bool {
    CATALOG
        .bundle(Language::default())
        .is_some_and(|b| b.has_message(key))
}

fn messages(language: Language) -> Vec<(String, BTreeSet<String>)> {
    let mut out = Vec::new();
    for (_, text) in sources(language) {
        let resource = match FluentResource::try_new((*text).to_owned()) {
            Ok(r) | Err((r, _)) => r,
        };
        for entry in resource.entries() {
            if let ast::Entry::Message(m) = entry {
                let mut names = BTreeSet::new();
                if let Some(value) = &m.value {
                    pattern_variables(value, &mut names);
                }
                out.push((m.id.name.to_owned(), names));
            }
        }
    }
    out
}

/// Every message key of `language`, over all its files.
pub fn keys(language: Language) -> BTreeSet<String> {
    messages(language).into_iter().map(|(k, _)| k).collect()
}

/// Every message of `language` with its placeholders (`{ $name }`),
/// read in one pass over the files.
pub fn placeholders(language: Language) -> BTreeMap<String, BTreeSet<String>> {
    messages(language).into_iter().collect()
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Inline(inline) => inline_variables(inline, out),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}
