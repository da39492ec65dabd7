//! What a request builder's `send`, `send_with_response` and `.await` run.
//!
//! A builder turns into `Result<(Client, Request), Error>` (its `into_request`, which checks
//! its arguments) and hands that to one of these functions, which return a boxed future.
//! The async code lives here, generic over the response type, so a generated crate has no
//! async function of its own: every operation would otherwise bring three state machines to
//! type-check and compile.

use super::{BoxFuture, Client, CursorStyle, Error, Page, Paged, Request, Response, ResponseInfo};
use serde::de::DeserializeOwned;

/// What `send_with_response` returns: the decoded response and what came with it.
pub type Sent<T> = BoxFuture<Result<(T, ResponseInfo), Error>>;

/// A built request with the client to send it, or the reason it could not be built. `C` is
/// the generated crate's `Client`: this runtime's, or a wrapper around it when the crate
/// depends on the runtime rather than vendoring it.
type Prepared<C> = Result<(C, Request), Error>;

/// Sends the request and decodes the successful response with `decode`.
pub fn decoded<T: Send + 'static>(
    prepared: Prepared<impl Into<Client> + Send + 'static>,
    decode: fn(&Response) -> Result<T, Error>,
) -> Sent<T> {
    Box::pin(async move {
        let (client, request) = prepared?;
        let response = client.into().execute(request).await?;
        let value = decode(&response)?;
        Ok((value, response.into_info()))
    })
}

/// Sends the request and decodes its JSON body.
pub fn json<T: DeserializeOwned + Send + 'static>(
    prepared: Prepared<impl Into<Client> + Send + 'static>,
) -> Sent<T> {
    decoded(prepared, Response::json::<T>)
}

/// Sends the request and reads its body as text.
pub fn text(prepared: Prepared<impl Into<Client> + Send + 'static>) -> Sent<String> {
    decoded(prepared, Response::text)
}

/// Sends the request and reads its body's bytes.
pub fn bytes(prepared: Prepared<impl Into<Client> + Send + 'static>) -> Sent<Vec<u8>> {
    decoded(prepared, |response| Ok(response.body.to_vec()))
}

/// Sends a request whose response has no body.
pub fn empty(prepared: Prepared<impl Into<Client> + Send + 'static>) -> Sent<()> {
    decoded(prepared, |_| Ok(()))
}

/// Sends the request of a list operation and wraps the page for `next_page()`.
pub fn page<P: Paged + Send + 'static>(
    prepared: Prepared<impl Into<Client> + Send + 'static>,
    style: CursorStyle,
) -> Sent<Page<P>> {
    Box::pin(async move {
        let (client, request) = prepared?;
        client.into().fetch_page(request, style).await
    })
}

/// `send`: the value of `send_with_response`, without the response's details.
pub fn value<T: Send + 'static>(sent: Sent<T>) -> BoxFuture<Result<T, Error>> {
    Box::pin(async move { sent.await.map(|(value, _)| value) })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request that could not be built fails at the first poll, nothing sent.
    #[tokio::test]
    async fn an_unbuilt_request_is_its_error() {
        let invalid = || -> Prepared<Client> {
            Err(Error::InvalidArgument {
                field: "limit".into(),
                rule: "must be at most 100".into(),
            })
        };
        let sent = json::<serde_json::Value>(invalid());
        let err = value(sent).await.unwrap_err();
        assert!(
            matches!(&err, Error::InvalidArgument { field, .. } if field == "limit"),
            "{err:?}"
        );
        assert!(empty(invalid()).await.is_err());
    }
}
