//! When to retry and how long to wait.
//!
//! Retried: connection errors and timeouts, 408, 409, 429 and every 5xx, unless the server
//! says otherwise with `x-should-retry: true|false`. The wait honours `retry-after-ms`, then
//! `retry-after` (seconds or an HTTP date) when they ask for at most a minute; otherwise it is
//! exponential: 0.5 s doubling per attempt up to 8 s, less up to 25 % random jitter.

use reqwest::header::HeaderMap;
use std::time::{Duration, SystemTime};

const INITIAL: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(8);
const MAX_HINT: Duration = Duration::from_secs(60);

/// Whether a response with this status and these headers should be retried.
pub(crate) fn should_retry(status: u16, headers: &HeaderMap) -> bool {
    match headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
        Some("true") => return true,
        Some("false") => return false,
        _ => {}
    }
    matches!(status, 408 | 409 | 429) || status >= 500
}

/// The wait before retry number `attempt` (0 for the first retry).
pub(crate) fn delay(attempt: u32, headers: Option<&HeaderMap>) -> Duration {
    if let Some(hint) = headers.and_then(|h| server_hint(h, SystemTime::now())) {
        return hint;
    }
    let backoff = INITIAL
        .saturating_mul(2u32.saturating_pow(attempt.min(16)))
        .min(MAX_BACKOFF);
    let jitter = 1.0 - fastrand::f64() * 0.25;
    backoff.mul_f64(jitter)
}

/// The server's requested wait, when it gives one no longer than a minute.
pub(crate) fn server_hint(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let hint = if let Some(ms) = text("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        Duration::try_from_secs_f64(ms.max(0.0) / 1000.0).ok()
    } else if let Some(value) = text("retry-after") {
        match value.parse::<f64>() {
            Ok(secs) => Duration::try_from_secs_f64(secs.max(0.0)).ok(),
            Err(_) => httpdate::parse_http_date(value)
                .ok()
                .map(|at| at.duration_since(now).unwrap_or(Duration::ZERO)),
        }
    } else {
        None
    };
    hint.filter(|d| *d <= MAX_HINT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn retryable_statuses() {
        let none = HeaderMap::new();
        for s in [408, 409, 429, 500, 502, 503, 504] {
            assert!(should_retry(s, &none), "{s}");
        }
        for s in [400, 401, 403, 404, 422] {
            assert!(!should_retry(s, &none), "{s}");
        }
        assert!(should_retry(400, &headers(&[("x-should-retry", "true")])));
        assert!(!should_retry(503, &headers(&[("x-should-retry", "false")])));
    }

    #[test]
    fn server_hints_in_order() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let both = headers(&[("retry-after-ms", "250"), ("retry-after", "3")]);
        assert_eq!(server_hint(&both, now), Some(Duration::from_millis(250)));
        assert_eq!(
            server_hint(&headers(&[("retry-after", "1.5")]), now),
            Some(Duration::from_millis(1500))
        );
        let date = httpdate::fmt_http_date(now + Duration::from_secs(10));
        assert_eq!(
            server_hint(&headers(&[("retry-after", &date)]), now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(server_hint(&headers(&[("retry-after", "3600")]), now), None);
        assert_eq!(server_hint(&headers(&[("retry-after", "soon")]), now), None);
    }

    #[test]
    fn backoff_doubles_with_jitter_and_caps() {
        for attempt in 0..8 {
            let d = delay(attempt, None);
            let full = (0.5 * 2f64.powi(attempt as i32)).min(8.0);
            assert!(d.as_secs_f64() <= full + 1e-9, "{attempt}: {d:?}");
            assert!(d.as_secs_f64() >= full * 0.75 - 1e-9, "{attempt}: {d:?}");
        }
    }
}
