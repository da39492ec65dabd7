//! The generated models against realistic JSON for every response in the facts, and the
//! request bodies' presence rules (absent vs null vs value).

use boltz_api::models::*;
use serde_json::{json, Value};

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("decodes")
}

#[test]
fn workspace_with_nulls_and_unknown_fields() {
    let w: Workspace = round_trip(json!({
        "id": "ws_123",
        "archived_at": null,
        "created_at": "2026-04-08T18:56:46Z",
        "data_retention": {"unit": "days", "value": 7},
        "is_default": true,
        "name": null,
        "updated_at": "2026-04-08T18:56:46.123456Z",
        "some_future_field": {"nested": [1, 2, 3]}
    }));
    assert_eq!(w.id, "ws_123");
    assert_eq!(w.archived_at, None);
    assert_eq!(w.name, None);
    assert_eq!(w.data_retention.unit, DataRetentionUnit::Days);
    assert_eq!(w.data_retention.value, 7);
    assert_eq!(w.created_at.to_rfc3339(), "2026-04-08T18:56:46+00:00");
    // Required-but-nullable fields are written back as null, not dropped.
    let back = serde_json::to_value(&w).unwrap();
    assert_eq!(back["archived_at"], Value::Null);
    assert_eq!(back["name"], Value::Null);
    assert!(back.get("some_future_field").is_none());
}

#[test]
fn archived_workspace_keeps_its_offset_instant() {
    let w: Workspace = round_trip(json!({
        "id": "ws_1", "archived_at": "2026-05-01T12:00:00+02:00", "created_at": "2026-04-08T18:56:46Z",
        "data_retention": {"unit": "hours", "value": 336}, "is_default": false, "name": "Research",
        "updated_at": "2026-05-01T10:00:00Z"
    }));
    assert_eq!(
        w.archived_at.unwrap().to_rfc3339(),
        "2026-05-01T10:00:00+00:00"
    );
    assert_eq!(w.name.as_deref(), Some("Research"));
    assert_eq!(w.data_retention.unit, DataRetentionUnit::Hours);
}

#[test]
fn unknown_enum_values_round_trip() {
    let d: DataRetention = round_trip(json!({"unit": "weeks", "value": 2}));
    assert_eq!(d.unit, DataRetentionUnit::Unknown("weeks".into()));
    assert_eq!(d.unit.as_str(), "weeks");
    assert_eq!(
        serde_json::to_value(&d).unwrap(),
        json!({"unit": "weeks", "value": 2})
    );
    let app: Application = round_trip(json!("antibody_design"));
    assert_eq!(app, Application::Unknown("antibody_design".into()));
    assert_eq!(serde_json::to_value(app).unwrap(), json!("antibody_design"));
    assert_eq!(
        serde_json::to_value(WindowSize::Hour).unwrap(),
        json!("HOUR")
    );
}

/// String enums read any string, borrowed or owned, also as a map key, and refuse other
/// JSON types with serde's "expected a string".
#[test]
fn string_enums_read_strings_only() {
    assert_eq!(
        serde_json::from_str::<WindowSize>("\"HOUR\"").unwrap(),
        WindowSize::Hour
    );
    assert_eq!(
        serde_json::from_str::<WindowSize>("\"MINUTE\"").unwrap(),
        WindowSize::Unknown("MINUTE".into())
    );
    let keyed: std::collections::HashMap<WindowSize, u32> =
        serde_json::from_str(r#"{"DAY": 1, "WEEK": 2}"#).unwrap();
    assert_eq!(keyed[&WindowSize::Day], 1);
    assert_eq!(keyed[&WindowSize::Unknown("WEEK".into())], 2);
    let wrong = serde_json::from_value::<WindowSize>(json!(3)).unwrap_err();
    assert!(wrong.to_string().contains("expected a string"), "{wrong}");
}

#[test]
fn spending_limit_null_and_object() {
    let none: Option<SpendingLimit> = serde_json::from_value(Value::Null).unwrap();
    assert_eq!(none, None);
    let some: Option<SpendingLimit> = round_trip(json!({
        "accrued_usage": {"amount": 1250, "currency": "MILLI_USD"},
        "limit": {"amount": 9007199254740991_i64, "currency": "MILLI_USD"},
        "type": "lifetime"
    }));
    let limit = some.unwrap();
    assert_eq!(limit.limit.amount, 9007199254740991);
    assert_eq!(
        limit.accrued_usage.currency,
        SpendingLimitAmountCurrency::MilliUsd
    );
    assert_eq!(limit.r#type, SpendingLimitType::Lifetime);
}

#[test]
fn api_key_create_response_redacts_the_key() {
    let created: ApiKeyCreateResponse = round_trip(json!({
        "key": "sk_bc_ws_test_abcdefghijklmnop",
        "key_details": {
            "id": "key_1", "allowed_ips": [], "created_at": "2026-04-08T18:56:46Z", "expires_at": null,
            "is_active": true, "key_prefix": "sk_bc_ws_tes", "key_type": "workspace", "last_used_at": null,
            "livemode": false, "name": "ci", "workspace_id": "ws_1"
        }
    }));
    assert_eq!(created.key.expose(), "sk_bc_ws_test_abcdefghijklmnop");
    let debug = format!("{created:?}");
    assert!(!debug.contains("abcdefghijklmnop"), "{debug}");
    assert_eq!(
        created.key_details.key_type,
        ApiKeyDetailsKeyType::Workspace
    );
    assert_eq!(created.key_details.expires_at, None);
    assert_eq!(created.key_details.workspace_id, "ws_1");
    assert_eq!(
        (created.key.key_kind(), created.key.key_mode()),
        (
            Some(boltz_api::KeyKind::Workspace),
            Some(boltz_api::KeyMode::Test)
        )
    );
    // Serialising the response (to log or store it) never writes the key, unless the caller
    // asks for it explicitly.
    let logged = serde_json::to_string(&created).unwrap();
    assert!(!logged.contains("abcdefghijklmnop"), "{logged}");
    assert!(logged.contains("\"key\":\"[REDACTED]\""), "{logged}");
    let stored = boltz_api::Secret::reveal_in(|| serde_json::to_string(&created)).unwrap();
    assert!(
        stored.contains("sk_bc_ws_test_abcdefghijklmnop"),
        "{stored}"
    );
    // The new key is accepted as is by the builder.
    let client = boltz_api::Client::builder()
        .ignore_env()
        .api_key(&created.key)
        .build()
        .unwrap();
    assert_eq!(client.key_kind(), Some(boltz_api::KeyKind::Workspace));
}

#[test]
fn api_key_list_page_with_admin_key() {
    let page: ListApiKeysResponse = round_trip(json!({
        "data": [{
            "id": "key_2", "allowed_ips": ["10.0.0.1"], "created_at": "2026-04-08T18:56:46Z",
            "expires_at": "2027-04-08T18:56:46Z", "is_active": false, "key_prefix": "sk_bc_admin_",
            "key_type": "admin", "last_used_at": "2026-04-09T00:00:00Z", "livemode": true,
            "name": "root", "workspace_id": null
        }],
        "first_id": "key_2", "has_more": false, "last_id": "key_2"
    }));
    let key = &page.data[0];
    assert_eq!(key.key_type, ApiKeyKeyType::Admin);
    assert_eq!(key.workspace_id, None);
    assert!(key.expires_at.is_some());
    assert_eq!(page.has_more, Some(false));
    assert_eq!(page.first_id.as_deref(), Some("key_2"));
    // Empty pages carry null cursors.
    let empty: ListWorkspacesResponse =
        round_trip(json!({"data": [], "first_id": null, "has_more": false, "last_id": null}));
    assert!(empty.data.is_empty() && empty.last_id.is_none());
}

#[test]
fn usage_page() {
    let page: UsageResponse = round_trip(json!({
        "data": [
            {"start_time": "2026-04-08T00:00:00Z", "end_time": "2026-04-09T00:00:00Z", "quantity": 42,
             "application": "adme", "workspace_id": "ws_1"},
            {"start_time": "2026-04-09T00:00:00Z", "end_time": "2026-04-10T00:00:00Z", "quantity": 0}
        ],
        "has_more": true,
        "next_page": "opaque-cursor=="
    }));
    assert_eq!(page.data[0].application, Some(Application::Adme));
    assert_eq!(page.data[1].application, None);
    assert_eq!(page.data[1].workspace_id, None);
    assert_eq!(page.next_page.as_deref(), Some("opaque-cursor=="));
    // Optional fields that are unset are omitted, not sent as null.
    let back = serde_json::to_value(&page.data[1]).unwrap();
    assert!(back.get("application").is_none());
}

#[test]
fn error_body() {
    let e: ErrorModel = round_trip(json!({"code": "not_found", "message": "Workspace not found"}));
    assert_eq!(e.details, None);
    let e: ErrorModel = round_trip(
        json!({"code": "VALIDATION_ERROR", "message": "bad", "details": {"name": "too long"}}),
    );
    assert_eq!(e.details.unwrap()["name"], json!("too long"));
}

#[test]
fn request_bodies_absent_null_and_value() {
    let mut update = WorkspaceUpdateParams::default();
    assert_eq!(serde_json::to_value(&update).unwrap(), json!({}));
    update.name = Some(None);
    assert_eq!(
        serde_json::to_value(&update).unwrap(),
        json!({"name": null})
    );
    update.name = Some(Some("Research".into()));
    assert_eq!(
        serde_json::to_value(&update).unwrap(),
        json!({"name": "Research"})
    );
    // And the three read back distinctly.
    let absent: WorkspaceUpdateParams = round_trip(json!({}));
    let null: WorkspaceUpdateParams = round_trip(json!({"name": null}));
    assert_eq!((absent.name, null.name), (None, Some(None)));

    assert_eq!(
        serde_json::to_value(WorkspaceCreateParams::default()).unwrap(),
        json!({})
    );
    assert_eq!(
        serde_json::to_value(ApiKeyCreateParams::new("ci")).unwrap(),
        json!({"name": "ci"})
    );
}

#[test]
fn constants_are_filled_in_by_the_sdk() {
    let body = SpendingLimitParams::new(SpendingLimitAmount::new(5000));
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"limit": {"amount": 5000, "currency": "MILLI_USD"}, "type": "lifetime"})
    );
}
