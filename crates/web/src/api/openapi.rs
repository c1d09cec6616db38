//! The OpenAPI 3.0 document of the API, written by hand beside this file
//! and served as it is at `GET /api/v1/openapi.json` (no token needed).
//! The tests check it against the OpenAPI 3.0 schema and that it describes
//! every route the router serves.

use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;

/// The document, exactly as served.
pub const DOCUMENT: &str = include_str!("openapi.json");

pub async fn document() -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        DOCUMENT,
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde::de::value::Error;
    use serde::de::{Deserialize, Deserializer, Error as _, Visitor};
    use serde_json::Value;

    use super::super::dto;
    use super::DOCUMENT;

    /// Asks serde which fields a body type accepts: its derived
    /// `Deserialize` names them when it asks for a struct.
    struct Probe<'a>(&'a mut Option<&'static [&'static str]>);

    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
            Err(Error::custom("not a struct"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Error> {
            *self.0 = Some(fields);
            Err(Error::custom("probed"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }

    fn accepted<T: for<'de> Deserialize<'de>>() -> BTreeSet<&'static str> {
        let mut fields = None;
        let _ = T::deserialize(Probe(&mut fields));
        fields.expect("a struct body").iter().copied().collect()
    }

    fn documented(doc: &Value, schema: &str) -> (BTreeSet<String>, BTreeSet<String>) {
        let s = &doc["components"]["schemas"][schema];
        let properties = s["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{schema} has properties"))
            .keys()
            .cloned()
            .collect();
        let required = s["required"]
            .as_array()
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        (properties, required)
    }

    /// Every request body the document describes is exactly what the
    /// handler's body type accepts: no documented field the server
    /// refuses as unknown, no accepted field the document keeps quiet.
    #[test]
    fn request_schemas_match_the_body_types_both_ways() {
        let doc: Value = serde_json::from_str(DOCUMENT).expect("json");
        let pairs: Vec<(&str, BTreeSet<&str>)> = vec![
            ("NewComplaint", accepted::<dto::NewComplaintBody>()),
            ("PartyInput", accepted::<dto::PartyBody>()),
            ("HandlerInput", accepted::<dto::HandlerBody>()),
            ("AssistantInput", accepted::<dto::AssistantBody>()),
            ("RouteInput", accepted::<dto::RouteBody>()),
            ("ContactInput", accepted::<dto::ContactBody>()),
            ("PhoneCallInput", accepted::<dto::PhoneCallBody>()),
            ("MeritInput", accepted::<dto::MeritBody>()),
            ("OfferInput", accepted::<dto::OfferBody>()),
            ("ConsultationInput", accepted::<dto::ConsultationBody>()),
            ("AdviceInput", accepted::<dto::AdviceBody>()),
            ("ResponseInput", accepted::<dto::ResponseBody>()),
            ("ActionInput", accepted::<dto::ActionBody>()),
            ("CompleteActionInput", accepted::<dto::CompleteActionBody>()),
            ("VersionInput", accepted::<dto::VersionBody>()),
            ("WaiverInput", accepted::<dto::WaiverBody>()),
            ("EscalationInput", accepted::<dto::EscalationBody>()),
            ("OutcomeInput", accepted::<dto::OutcomeBody>()),
            ("CloseInput", accepted::<dto::CloseBody>()),
            ("ExactInput", accepted::<dto::ExactBody>()),
            ("ConvertInput", accepted::<dto::ConvertBody>()),
            ("CorrectionInput", accepted::<dto::CorrectionBody>()),
            ("ClassifyInput", accepted::<dto::ClassifyBody>()),
            ("LinkInput", accepted::<crate::api::links::LinkBody>()),
            ("ReopenInput", accepted::<dto::ReopenBody>()),
        ];
        let mut request_schemas: BTreeSet<String> = BTreeSet::new();
        for item in doc["paths"].as_object().expect("paths").values() {
            for op in item.as_object().expect("item").values() {
                if let Some(r) =
                    op["requestBody"]["content"]["application/json"]["schema"]["$ref"].as_str()
                {
                    request_schemas.insert(r.trim_start_matches("#/components/schemas/").into());
                }
            }
        }
        for name in &request_schemas {
            assert!(
                pairs.iter().any(|(n, _)| n == name),
                "{name}: a request body without a type in this test"
            );
        }
        for (schema, fields) in pairs {
            let (properties, required) = documented(&doc, schema);
            let fields: BTreeSet<String> = fields.iter().map(|f| (*f).to_owned()).collect();
            assert_eq!(properties, fields, "{schema}: documented vs accepted");
            assert!(
                required.is_subset(&fields),
                "{schema}: required {required:?}"
            );
        }
    }

    #[test]
    fn the_probe_sees_a_changed_type() {
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct Two {
            a: String,
            #[serde(rename = "b_c")]
            b: u8,
        }
        assert_eq!(accepted::<Two>(), BTreeSet::from(["a", "b_c"]));
    }
}
