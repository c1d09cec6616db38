//! The OpenAPI document: it is valid OpenAPI 3.0 (parsed by `openapiv3`
//! and validated against the OpenAPI Initiative's JSON Schema), every
//! `$ref` resolves, it describes exactly the routes the router serves, the
//! server serves every operation it describes, and real answers of a whole
//! workflow match the schemas it gives for them.

use crate::api_support;
use crate::common;

use std::collections::BTreeSet;

use api_support::{intake, org, register, today, token, yesterday};
use common::spawn_app;
use klacht_store::{SqliteStore, Store, store_tests};
use klacht_web::api::{OPENAPI_DOCUMENT, served_routes};
use serde_json::{Map, Value, json};

fn document() -> Value {
    serde_json::from_str(OPENAPI_DOCUMENT).expect("the document is JSON")
}

#[test]
fn the_document_parses_as_openapi_3_0() {
    let api: openapiv3::OpenAPI =
        serde_json::from_str(OPENAPI_DOCUMENT).expect("the document is OpenAPI 3.0");
    assert!(api.openapi.starts_with("3.0."), "{}", api.openapi);
    assert!(api.components.is_some());
    assert!(api.operations().count() >= 20);
}

#[test]
fn the_document_validates_against_the_openapi_3_0_schema() {
    let schema: Value =
        serde_json::from_str(include_str!("fixtures/openapi-3.0-schema.json")).expect("schema");
    let validator = jsonschema::draft4::new(&schema).expect("the OpenAPI 3.0 schema compiles");
    let doc = document();
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does catch a broken document.
    let mut broken = doc.clone();
    broken["paths"]["/complaints"]["get"]["responses"]["200"] = json!({"content": {}});
    assert!(validator.iter_errors(&broken).next().is_some());
}

fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(o) => {
            if let Some(Value::String(r)) = o.get("$ref") {
                out.push(r);
            }
            o.values().for_each(|v| refs(v, out));
        }
        Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

#[test]
fn every_reference_resolves() {
    let doc = document();
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(all.len() > 50);
    for r in all {
        let pointer = r.strip_prefix('#').expect("local reference");
        assert!(doc.pointer(pointer).is_some(), "{r} does not resolve");
    }
}

/// (METHOD, path) of every operation in the document.
fn documented() -> BTreeSet<(String, String)> {
    let api: openapiv3::OpenAPI = serde_json::from_str(OPENAPI_DOCUMENT).expect("openapi");
    api.operations()
        .map(|(path, method, _)| (method.to_uppercase(), path.to_owned()))
        .collect()
}

#[test]
fn the_document_describes_exactly_the_routes_the_router_serves() {
    let served: BTreeSet<(String, String)> = served_routes::<SqliteStore>()
        .into_iter()
        .map(|(m, p)| (m.to_string(), p.to_owned()))
        .collect();
    let documented = documented();
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty(),
        "served but not documented: {undocumented:?}"
    );
    assert!(
        unserved.is_empty(),
        "documented but not served: {unserved:?}"
    );
    assert_eq!(document()["servers"][0]["url"], klacht_web::api::PREFIX);
}

#[test]
fn every_operation_states_its_problems() {
    let doc = document();
    let mut ids = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("item") {
            if method == "parameters" {
                continue;
            }
            let id = op["operationId"].as_str().expect("operationId");
            assert!(ids.insert(id.to_owned()), "{id} twice");
            let responses = op["responses"].as_object().expect("responses");
            let open = op.get("security") == Some(&json!([]));
            if !open {
                assert!(responses.contains_key("401"), "{method} {path}");
                assert!(responses.contains_key("5XX"), "{method} {path}");
            }
            if op.get("requestBody").is_some() {
                for status in ["400", "415", "422"] {
                    assert!(responses.contains_key(status), "{status}: {method} {path}");
                }
            }
            if path.contains("{id}") {
                assert!(responses.contains_key("404"), "{method} {path}");
            }
        }
    }
    for (name, response) in doc["components"]["responses"]
        .as_object()
        .expect("responses")
    {
        if name != "ComplaintResponse" {
            assert_eq!(
                response["content"]["application/problem+json"]["schema"]["$ref"],
                "#/components/schemas/Problem",
                "{name}"
            );
        }
    }
    let bearer = &doc["components"]["securitySchemes"]["bearerAuth"];
    assert_eq!(bearer["type"], "http");
    assert_eq!(bearer["scheme"], "bearer");
}

/// An OpenAPI 3.0 schema as JSON Schema (draft 7): `nullable` becomes a
/// `null` alternative, and objects are closed, so that an answer is
/// checked both ways: every field it has is documented, and (through
/// `required`) every documented field it must have is there.
fn json_schema(v: &Value) -> Value {
    match v {
        Value::Array(a) => Value::Array(a.iter().map(json_schema).collect()),
        Value::Object(o) => {
            let mut out: Map<String, Value> = o
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "nullable" | "example"))
                .map(|(k, v)| {
                    let v = if matches!(k.as_str(), "properties" | "schemas") {
                        Value::Object(
                            v.as_object()
                                .map(|m| {
                                    m.iter().map(|(k, v)| (k.clone(), json_schema(v))).collect()
                                })
                                .unwrap_or_default(),
                        )
                    } else {
                        json_schema(v)
                    };
                    (k.clone(), v)
                })
                .collect();
            // An answer may carry nothing the document does not name.
            if o.contains_key("properties") && !o.contains_key("additionalProperties") {
                out.insert("additionalProperties".into(), Value::Bool(false));
            }
            if o.get("nullable") == Some(&Value::Bool(true)) {
                if let Some(Value::Array(e)) = out.get_mut("enum") {
                    e.push(Value::Null);
                }
                if let Some(Value::String(t)) = out.get("type").cloned() {
                    out.insert("type".into(), json!([t, "null"]));
                    return Value::Object(out);
                }
                return json!({"anyOf": [{"type": "null"}, Value::Object(out)]});
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

struct Schemas {
    components: Value,
}

/// The schemas that are parts of a composition (`allOf` with several
/// members): each part names only its own properties, so they stay open.
fn composed(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(o) => {
            if let Some(Value::Array(parts)) = o.get("allOf")
                && parts.len() > 1
            {
                for part in parts {
                    if let Some(r) = part["$ref"].as_str() {
                        out.insert(r.trim_start_matches("#/components/schemas/").to_owned());
                    }
                }
            }
            o.values().for_each(|v| composed(v, out));
        }
        Value::Array(a) => a.iter().for_each(|v| composed(v, out)),
        _ => {}
    }
}

impl Schemas {
    fn new() -> Self {
        let doc = document();
        let mut components = json_schema(&doc["components"]);
        let mut parts = BTreeSet::new();
        composed(&doc, &mut parts);
        for name in parts {
            if doc["components"]["schemas"][&name]
                .get("additionalProperties")
                .is_none()
                && let Some(s) = components["schemas"][&name].as_object_mut()
            {
                s.remove("additionalProperties");
            }
        }
        Self { components }
    }

    /// Asserts that `instance` is what the document says `name` is.
    fn check(&self, name: &str, instance: &Value) {
        let schema = json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$ref": format!("#/components/schemas/{name}"),
            "components": self.components,
        });
        let validator = jsonschema::draft7::new(&schema).expect("schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(instance)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}\n{instance:#}");
    }
}

async fn every_documented_operation_is_served<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app).await;
    let piet = token(&app, &org.piet).await;
    let id = register(&app, &piet, &intake(&yesterday(), &[], "Bestaat")).await;
    for (method, path) in documented() {
        let concrete = path
            .replace("{id}", &id)
            .replace("{n}", "1")
            .replace("{other_id}", &id)
            .replace("{attachment_id}", &id);
        let url = app.url(&format!("/api/v1{concrete}"));
        let req = match method.as_str() {
            "GET" => app.client.get(&url),
            "POST" => app.client.post(&url).json(&json!({})),
            "DELETE" => app.client.delete(&url),
            other => panic!("unexpected method {other}"),
        };
        let r = app.send(req).await;
        if path == "/openapi.json" {
            assert_eq!(r.status, 200);
        } else {
            // Served (not 404 or 405), and guarded by the token.
            r.problem(401);
        }
    }
}

async fn answers_match_the_documented_schemas<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app).await;
    let schemas = Schemas::new();
    let piet = token(&app, &org.piet).await;
    let margriet = token(&app, &org.manager).await;
    let sanne = token(&app, &org.quality).await;
    let today = today().to_string();

    // Received on a fixed day long past, so that the answers (and their
    // snapshot) are the same on every day the test runs.
    const RECEIVED: &str = "2026-04-24T09:30:00+02:00";
    let mut signal = intake(RECEIVED, &[&org.joost], "Eerst een signaal");
    signal["kind"] = json!("signal");
    signal["representative"] = json!({"name": "Zoon", "email": "zoon@example.nl"});
    let r = app.api_post(&piet, "/complaints", &signal).await;
    assert_eq!(r.status, 201);
    schemas.check("Created", &r.body);
    let id = r.body["id"].as_str().expect("id").to_owned();
    let c = format!("/complaints/{id}");
    let r = app
        .api_post(&piet, "/complaints", &intake(RECEIVED, &[], "Een klacht"))
        .await;
    schemas.check("Created", &r.body);
    let second = r.body["reference"].as_str().expect("reference").to_owned();

    let fatima = token(&app, &org.fatima).await;
    let ellen = token(&app, &org.director).await;
    let steps: Vec<(&str, &str, Value, u16)> = vec![
        (
            &piet,
            "/convert",
            json!({"reason": "Klager belde opnieuw."}),
            200,
        ),
        (
            &margriet,
            "/handler",
            json!({"handler": "fatima@focus.example"}),
            200,
        ),
        (
            &fatima,
            "/assistants",
            json!({"assistant": "sanne@focus.example"}),
            200,
        ),
        (
            &sanne,
            "/route",
            json!({"manager": "hans@focus.example", "expected_version": 99}),
            409,
        ),
        (
            &sanne,
            "/route",
            json!({"manager": "nobody@focus.example"}),
            422,
        ),
        (
            &margriet,
            "/waivers",
            json!({"step": "contact", "reason": "Niet bereikt."}),
            200,
        ),
        (
            &fatima,
            "/merit",
            json!({"merit": "founded", "reasoning": "Terecht."}),
            200,
        ),
        (
            &fatima,
            "/consultations",
            json!({"director": "ellen@focus.example", "question": "Geen aanbod?"}),
            200,
        ),
        (
            &fatima,
            "/consultations/1/advice",
            json!({"advice": "Zelf antwoorden mag niet."}),
            403,
        ),
        (
            &ellen,
            "/consultations/1/advice",
            json!({"advice": "Akkoord, wel excuses."}),
            200,
        ),
        (
            &fatima,
            "/offer",
            json!({
                "kind": "none",
                "description": "Excuses",
                "made_on": today,
                "letter_text": "Wij vinden uw klacht gegrond en bieden excuses aan."
            }),
            200,
        ),
        (&fatima, "/response", json!({"accepted": false}), 200),
        (&fatima, "/actions", json!({"description": "Nabellen"}), 200),
        (&fatima, "/actions/1/complete", json!({}), 200),
        (
            &fatima,
            "/escalation",
            json!({"party": "mediator", "on": today, "note": "Via de gemeente"}),
            200,
        ),
        (
            &fatima,
            "/escalation/outcome",
            json!({"outcome": "Geschikt", "on": today, "resolved": true}),
            200,
        ),
        (&fatima, "/form-sent", json!({}), 200),
        (&margriet, "/close", json!({}), 403),
        (&sanne, "/close", json!({"note": "Gearchiveerd"}), 200),
        (
            &sanne,
            "/exact-registration",
            json!({"exact_id": "ES-1"}),
            200,
        ),
        (
            &sanne,
            "/exact-registration",
            json!({"exact_id": "ES-2"}),
            409,
        ),
    ];
    for (who, suffix, body, status) in steps {
        let r = app.api_post(who, &format!("{c}{suffix}"), &body).await;
        assert_eq!(r.status, status, "{suffix}: {}", r.text);
        if r.status == 200 {
            schemas.check("Complaint", &r.body);
        } else {
            assert_eq!(r.content_type(), "application/problem+json", "{suffix}");
            schemas.check("Problem", &r.body);
        }
    }
    let full = app.api_get(&sanne, &c).await;
    let full = full.ok();
    schemas.check("Complaint", full);
    assert_eq!(
        full["consultations"][0]["advice"]["advice"],
        "Akkoord, wel excuses."
    );
    assert_eq!(
        full["consultations"][0]["director"]["email"],
        "ellen@focus.example"
    );
    for section in [
        "conversion",
        "offer",
        "response",
        "closed",
        "exact_registration",
    ] {
        assert!(full[section].is_object(), "{section} filled");
    }
    assert_eq!(full["escalations"][0]["outcome"]["resolved"], true);
    // The whole complaint answers every property the document describes.
    let documented = document()["components"]["schemas"]["Complaint"]["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .cloned()
        .collect::<BTreeSet<_>>();
    let answered = full
        .as_object()
        .expect("object")
        .keys()
        .cloned()
        .collect::<BTreeSet<_>>();
    assert_eq!(documented, answered);
    insta::assert_json_snapshot!(
        "api_complaint_closed",
        klacht_store::testing::redact_json(full)
    );
    assert_eq!(full["representative"]["name"], "Zoon");
    // Related complaints (after the snapshot, so that it stays as it was):
    // one the caller sees, and the other side for one who does not.
    let r = app
        .api_post(
            &sanne,
            &format!("{c}/links"),
            &json!({"reference": second, "reason": "same_complainant", "note": "Zelfde klant"}),
        )
        .await;
    schemas.check("Complaint", r.ok());
    assert_eq!(r.ok()["related"][0]["reference"], json!(second));
    let r = app
        .api_post(
            &sanne,
            &format!("{c}/links"),
            &json!({"reference": second, "reason": "other"}),
        )
        .await;
    schemas.check("Problem", r.problem(409));

    for query in ["", "?limit=1", "?kind=complaint&status=closed"] {
        let r = app.api_get(&sanne, &format!("/complaints{query}")).await;
        schemas.check("ListPage", r.ok());
    }
    // Problems of every kind.
    for r in [
        app.api_get("geen-token", "/complaints").await,
        app.api_get(&sanne, "/complaints?limit=0").await,
        app.api_get(&sanne, "/complaints?onbekend=1").await,
        app.api_get(&sanne, "/complaints/geen-id").await,
        app.api_post(&sanne, "/complaints", &json!({})).await,
        app.api_post_raw(&sanne, "/complaints", None, "x").await,
    ] {
        assert_eq!(r.content_type(), "application/problem+json");
        schemas.check("Problem", &r.body);
    }
}

store_tests!(
    every_documented_operation_is_served,
    answers_match_the_documented_schemas,
);
