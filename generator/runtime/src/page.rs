//! Pagination: a page that can fetch the next one, and a stream over every item.
//!
//! Two cursor styles are walked. `Id`: the next page is asked for with `after=<last id>`,
//! or, when the first request walked backwards with `before`, with `before=<first id>`.
//! `Opaque`: the next page is asked for with `<param>=<next cursor>`. Walking stops on an
//! empty page, on `has_more: false`, on a missing or empty cursor, and on a cursor already
//! seen, so it can never loop forever.

use super::{Client, Error, Request};
use std::collections::HashSet;

/// How a list operation asks for the next page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CursorStyle {
    /// `after`/`before` query parameters fed from the page's last/first item id.
    Id {
        /// The parameter for walking forwards.
        after: &'static str,
        /// The parameter for walking backwards.
        before: &'static str,
    },
    /// One query parameter fed from the page's next-page cursor.
    Opaque {
        /// The parameter.
        param: &'static str,
    },
}

/// A page type of a list operation (implemented by the generated page models).
pub trait Paged: serde::de::DeserializeOwned + Send + 'static {
    /// The items listed.
    type Item: Send + 'static;
    /// The items of this page.
    fn items(&self) -> &[Self::Item];
    /// The items of this page, owned.
    fn into_items(self) -> Vec<Self::Item>;
    /// Whether the API says more items follow, if it says.
    fn has_more(&self) -> Option<bool>;
    /// The cursor of the next page (walking backwards: of the previous one).
    fn next_cursor(&self, backwards: bool) -> Option<&str>;
}

/// The request for the page after `page`, or `None` when `page` is the last.
fn next_request<P: Paged>(
    page: &P,
    request: &Request,
    style: CursorStyle,
) -> Option<(Request, String)> {
    if page.items().is_empty() || page.has_more() == Some(false) {
        return None;
    }
    let mut next = request.clone();
    let cursor = match style {
        CursorStyle::Id { after, before } => {
            let backwards = request.query_value(before).is_some();
            let cursor = page.next_cursor(backwards)?.to_owned();
            next.remove_query(after);
            next.remove_query(before);
            next.set_query(if backwards { before } else { after }, &cursor);
            cursor
        }
        CursorStyle::Opaque { param } => {
            let cursor = page.next_cursor(false)?.to_owned();
            next.set_query(param, &cursor);
            cursor
        }
    };
    let current = match style {
        CursorStyle::Id { after, before } => {
            request.query_value(after).or(request.query_value(before))
        }
        CursorStyle::Opaque { param } => request.query_value(param),
    };
    if cursor.is_empty() || current == Some(cursor.as_str()) {
        return None;
    }
    Some((next, cursor))
}

/// One page of a list operation. Derefs to the page model (`.data`, `.has_more`, cursors).
#[derive(Debug, Clone)]
pub struct Page<P> {
    page: P,
    client: Client,
    request: Request,
    style: CursorStyle,
}

impl<P> std::ops::Deref for Page<P> {
    type Target = P;

    fn deref(&self) -> &P {
        &self.page
    }
}

impl<P: Paged> Page<P> {
    pub(crate) fn new(page: P, client: Client, request: Request, style: CursorStyle) -> Self {
        Page {
            page,
            client,
            request,
            style,
        }
    }

    /// The page model.
    pub fn into_inner(self) -> P {
        self.page
    }

    /// The items of this page.
    pub fn items(&self) -> &[P::Item] {
        self.page.items()
    }

    /// Whether a next page can be asked for.
    pub fn has_next_page(&self) -> bool {
        next_request(&self.page, &self.request, self.style).is_some()
    }

    /// Fetches the next page; `None` after the last one.
    pub async fn next_page(&self) -> Result<Option<Page<P>>, Error> {
        match next_request(&self.page, &self.request, self.style) {
            Some((request, _)) => {
                let (page, _) = self.client.fetch_page(request, self.style).await?;
                Ok(Some(page))
            }
            None => Ok(None),
        }
    }

    /// Every item from this page on, fetching the following pages as needed.
    pub fn into_stream(self) -> super::BoxStream<Result<P::Item, Error>> {
        let style = self.style;
        let next = next_request(&self.page, &self.request, style);
        let mut seen = HashSet::new();
        let next = next.and_then(|(req, cursor)| seen.insert(cursor).then_some((self.client, req)));
        stream::<P>(
            State::Items {
                items: self.page.into_items().into_iter(),
                next,
                seen,
            },
            style,
        )
    }
}

enum State<T> {
    Start(Result<(Client, Request), Error>),
    Items {
        items: std::vec::IntoIter<T>,
        next: Option<(Client, Request)>,
        seen: HashSet<String>,
    },
    Done,
}

/// Every item of every page of a list operation, starting from its first request.
pub fn paginate<P: Paged>(
    start: Result<(impl Into<Client>, Request), Error>,
    style: CursorStyle,
) -> super::BoxStream<Result<P::Item, Error>> {
    let start = start.map(|(client, request)| (client.into(), request));
    stream::<P>(State::Start(start), style)
}

fn stream<P: Paged>(
    state: State<P::Item>,
    style: CursorStyle,
) -> super::BoxStream<Result<P::Item, Error>> {
    Box::pin(futures_util::stream::unfold(
        state,
        move |mut state| async move {
            loop {
                state = match state {
                    State::Done => return None,
                    State::Start(Err(e)) => return Some((Err(e), State::Done)),
                    State::Start(Ok((client, request))) => {
                        fetch::<P>(client, request, style, HashSet::new()).await
                    }
                    State::Items {
                        mut items,
                        next,
                        seen,
                    } => match items.next() {
                        Some(item) => return Some((Ok(item), State::Items { items, next, seen })),
                        None => match next {
                            Some((client, request)) => {
                                fetch::<P>(client, request, style, seen).await
                            }
                            None => return None,
                        },
                    },
                };
            }
        },
    ))
}

async fn fetch<P: Paged>(
    client: Client,
    request: Request,
    style: CursorStyle,
    mut seen: HashSet<String>,
) -> State<P::Item> {
    match client
        .execute(request.clone())
        .await
        .and_then(|r| r.json::<P>())
    {
        Err(e) => State::Start(Err(e)),
        Ok(page) => {
            let next = next_request(&page, &request, style)
                .and_then(|(req, cursor)| seen.insert(cursor).then_some((client, req)));
            State::Items {
                items: page.into_items().into_iter(),
                next,
                seen,
            }
        }
    }
}
