//! Per-request overhead of the SDK against a bare reqwest call doing the same request.
//!
//! `cargo bench --bench overhead`. A minimal HTTP/1.1 server (hyper) on 127.0.0.1 answers
//! both clients with the same body. Both decode into the same model, so the ratio isolates the
//! SDK's own work: argument checks, path encoding, headers, the retry loop, error mapping.
//! Both use a 60 s timeout (the SDK's default). Each round times the SDK and the bare call
//! back to back (alternating which goes first), so drifts of a shared machine hit both; the
//! table gives the median per-request time of each and the median of the per-round ratios.

use boltz_api::models::{Workspace, WorkspaceCreateParams};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use std::convert::Infallible;
use std::time::{Duration, Instant};

const ROUNDS: usize = 150;
const PER_ROUND: usize = 100;
const KEY: &str = "sk_bc_admin_test_bench";

const WORKSPACE: &str = r#"{"id":"ws_1","archived_at":null,"created_at":"2026-04-08T18:56:46Z","data_retention":{"unit":"days","value":7},"is_default":false,"name":"Research","updated_at":"2026-04-08T18:56:46Z"}"#;

async fn handle(req: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    // Read the body like a real server would.
    let _ = req.into_body().collect().await;
    Ok(Response::builder()
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from_static(WORKSPACE.as_bytes())))
        .expect("static response"))
}

async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            tokio::spawn(async move {
                let io = hyper_util::rt::TokioIo::new(stream);
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(io, hyper::service::service_fn(handle))
                    .await;
            });
        }
    });
    format!("http://{addr}")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

async fn time<F, Fut>(f: &F) -> f64
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let started = Instant::now();
    for _ in 0..PER_ROUND {
        f().await;
    }
    started.elapsed().as_secs_f64() * 1e6 / PER_ROUND as f64
}

/// Median SDK time, median bare time and median per-round ratio.
async fn rounds<S, SF, B, BF>(sdk: &S, bare: &B) -> (f64, f64, f64)
where
    S: Fn() -> SF,
    SF: std::future::Future<Output = ()>,
    B: Fn() -> BF,
    BF: std::future::Future<Output = ()>,
{
    let (mut s, mut b, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (ts, tb) = if round % 2 == 0 {
            let ts = time(sdk).await;
            (ts, time(bare).await)
        } else {
            let tb = time(bare).await;
            (time(sdk).await, tb)
        };
        s.push(ts);
        b.push(tb);
        r.push(ts / tb);
    }
    (median(s), median(b), median(r))
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let base = serve().await;
        let sdk = boltz_api::Client::builder()
            .api_key(KEY)
            .base_url(&base)
            .build()
            .unwrap();
        // The same timeout as the SDK's default (60 s per attempt): "the same request".
        let bare = reqwest::Client::builder()
            .user_agent("bench")
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        let get_url = format!("{base}/compute/v1/admin/workspaces/ws_1");
        let post_url = format!("{base}/compute/v1/admin/workspaces");
        let body = WorkspaceCreateParams::default().name("Research");

        let sdk_get = || async {
            let w = sdk
                .admin()
                .workspaces()
                .retrieve("ws_1")
                .send()
                .await
                .unwrap();
            assert_eq!(w.id, "ws_1");
        };
        let bare_get = || async {
            let w: Workspace = bare
                .get(&get_url)
                .header("x-api-key", KEY)
                .header("accept", "application/json")
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert_eq!(w.id, "ws_1");
        };
        let sdk_post = || async {
            let w = sdk
                .admin()
                .workspaces()
                .create()
                .name("Research")
                .send()
                .await
                .unwrap();
            assert_eq!(w.id, "ws_1");
        };
        let bare_post = || async {
            let w: Workspace = bare
                .post(&post_url)
                .header("x-api-key", KEY)
                .header("accept", "application/json")
                .json(&body)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert_eq!(w.id, "ws_1");
        };

        // Warm up both connection pools.
        time(&sdk_get).await;
        time(&bare_get).await;
        println!(
            "per-request time over {ROUNDS} rounds of {PER_ROUND} sequential requests each (µs)\n"
        );
        println!("| request | boltz-api | bare reqwest | ratio (median of rounds) |");
        println!("|---|---:|---:|---:|");
        let get = rounds(&sdk_get, &bare_get).await;
        println!(
            "| GET retrieve workspace | {:.1} | {:.1} | {:.3} |",
            get.0, get.1, get.2
        );
        let post = rounds(&sdk_post, &bare_post).await;
        println!(
            "| POST create workspace (JSON body) | {:.1} | {:.1} | {:.3} |",
            post.0, post.1, post.2
        );
    });
}
