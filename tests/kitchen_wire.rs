//! The constructs real specs use beyond JSON, on the wire: the crate generated from
//! `tests/fixtures/kitchen.yaml` (committed in `tests/kitchen`) against a mock server.

use kitchen_api::models::*;
use kitchen_api::Client;
use serde_json::json;
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    // The spec's server has a base path (/v1); the override keeps one too.
    Client::builder()
        .api_key("tok")
        .base_url(format!("{}/v1", server.uri()))
        .build()
        .unwrap()
}

async fn received(server: &MockServer) -> Request {
    let mut all = server.received_requests().await.unwrap();
    assert_eq!(all.len(), 1);
    all.remove(0)
}

#[test]
fn server_variables_take_their_defaults() {
    let c = Client::builder().api_key("tok").build().unwrap();
    assert_eq!(c.base_url(), "https://eu.kitchen.example/v1");
}

#[tokio::test]
async fn multipart_upload_sends_a_file_part_and_text_parts() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/files"))
        .and(header("authorization", "Bearer tok"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "f1", "size": 3})))
        .expect(1)
        .mount(&server)
        .await;
    let stored = client(&server)
        .files()
        .create(vec![0xde, 0xad, 0xbe])
        .title("notes")
        .tags(["a", "b"])
        .send()
        .await
        .unwrap();
    assert_eq!(stored.size, Some(3));
    let req = received(&server).await;
    let ct = req
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(ct.starts_with("multipart/form-data; boundary="), "{ct}");
    let body = req.body;
    let find = |needle: &[u8]| body.windows(needle.len()).any(|w| w == needle);
    assert!(
        find(b"name=\"file\"; filename=\"file\""),
        "{}",
        String::from_utf8_lossy(&body)
    );
    assert!(find(&[0xde, 0xad, 0xbe]));
    assert!(find(b"name=\"title\"\r\n\r\nnotes"));
    assert_eq!(
        String::from_utf8_lossy(&body)
            .matches("name=\"tags\"")
            .count(),
        2
    );
}

#[tokio::test]
async fn urlencoded_form_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/login"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("username=ann+lee&scopes=read&scopes=write"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "s1"})))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .login()
        .create("ann lee")
        .scopes(["read", "write"])
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn octet_stream_in_and_out() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v1/blobs/a%20b"))
        .and(header("content-type", "application/octet-stream"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(vec![1u8, 2, 255]))
        .expect(1)
        .mount(&server)
        .await;
    let bytes = client(&server)
        .blobs()
        .update("a b", vec![9, 8, 7])
        .send()
        .await
        .unwrap();
    assert_eq!(bytes, vec![1, 2, 255]);
    assert_eq!(received(&server).await.body, vec![9, 8, 7]);
}

#[tokio::test]
async fn text_in_and_out() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/echo"))
        .and(header("content-type", "text/plain"))
        .and(body_string("héllo"))
        .respond_with(ResponseTemplate::new(200).set_body_string("héllo back"))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(
        client(&server).echo().create("héllo").send().await.unwrap(),
        "héllo back"
    );
}

#[tokio::test]
async fn query_styles_headers_cookies_and_a_discriminated_union() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/search"))
        .and(header("x-trace-id", "t-1"))
        .and(header("cookie", "session=abc"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"kind": "cat", "lives": 9},
            {"kind": "dog", "good": true},
            {"kind": "fish", "fins": 2}
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let pets = client(&server)
        .search()
        .list("t-1")
        .filter(SearchListFilter::default().name("x").min_size(3))
        .ids([1, 2, 3])
        .kinds(["a", "b"])
        .session("abc")
        .send()
        .await
        .unwrap();
    assert!(matches!(&pets[0], Pet::Cat(c) if c.lives == 9));
    assert!(matches!(&pets[1], Pet::Dog(d) if d.good == Some(true)));
    assert!(matches!(&pets[2], Pet::Unknown(v) if v["fins"] == 2));
    let req = received(&server).await;
    let mut pairs: Vec<(String, String)> = req
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ("filter[min_size]", "3"),
            ("filter[name]", "x"),
            ("ids", "1,2,3"),
            ("kinds", "a|b")
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
}

#[tokio::test]
async fn several_success_statuses_decode_by_status() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/jobs/1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "done"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/jobs/2"))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({"progress": 0.5})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/jobs/3"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"detail": "no such job"})))
        .mount(&server)
        .await;
    let c = client(&server);
    assert!(
        matches!(c.jobs().retrieve(1).send().await.unwrap(), JobsRetrieveResponse::Ok(s) if s.id == "done")
    );
    assert!(
        matches!(c.jobs().retrieve(2).send().await.unwrap(), JobsRetrieveResponse::Accepted(a) if a.progress == 0.5)
    );
    let err = c.jobs().retrieve(3).send().await.unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(
        err.api_error().unwrap().message.as_deref(),
        Some("no such job")
    );
}

#[tokio::test]
async fn default_only_responses_are_the_success_shape() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/health"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&server)
        .await;
    let health = client(&server).health().retrieve().send().await.unwrap();
    assert_eq!(health.ok, Some(true));
}

#[tokio::test]
async fn an_operation_on_the_client_itself_is_a_client_method() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"name": "kitchen", "layout": {"a": {}}})),
        )
        .mount(&server)
        .await;
    let info = client(&server).service_info().await.unwrap();
    assert_eq!(info.name, "kitchen");
    let layout = info.layout.expect("layout is decoded");
    assert!(layout.0["a"].0.is_empty());
}

#[test]
fn a_union_without_discriminator_takes_the_branch_that_fits_best() {
    use kitchen_api::models::{CaptionedPicture, Logo, Picture};
    let captioned = json!({"url": "u", "caption": "c"});
    let logo: Logo = serde_json::from_value(captioned.clone()).unwrap();
    assert_eq!(
        logo,
        Logo::CaptionedPicture(CaptionedPicture::new("u", "c"))
    );
    assert_eq!(serde_json::to_value(&logo).unwrap(), captioned);
    let plain: Logo = serde_json::from_value(json!({"url": "u"})).unwrap();
    assert!(matches!(plain, Logo::Picture(Picture { url: Some(_), .. })));
    let odd: Logo = serde_json::from_value(json!(3)).unwrap();
    assert_eq!(odd, Logo::Unknown(json!(3)));
}

#[tokio::test]
async fn a_nullable_optional_cursor_pages_and_a_new_segment_is_an_accessor() {
    use futures::StreamExt;
    use wiremock::matchers::query_param;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/codespaces"))
        .and(query_param("cursor", "c2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{"b": {}}], "next_cursor": null
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/codespaces"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{"a": {"x": {}}}], "next_cursor": "c2"
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/codespaces/new"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "child": {"parent": {}}
        })))
        .mount(&server)
        .await;
    let c = client(&server);
    let trees: Vec<Tree> = c
        .codespaces()
        .list()
        .into_stream()
        .map(Result::unwrap)
        .collect()
        .await;
    assert_eq!(trees.len(), 2);
    assert!(trees[0].0["a"].0.contains_key("x"));
    let node = c.codespaces().new_().retrieve().await.unwrap();
    assert!(node.child.unwrap().parent.is_some());
}
