//! Page-number pagination (`?page=&per_page=` → `meta.pagination`), shared
//! by the paginated lists.

use scalingo_api::{Meta, Pagination};

use crate::{
    domain::error::{ApiError, ApiResult},
    http::extract::{query_param, QueryMap},
};

/// The most items a page holds; larger `per_page` values are lowered to it
/// (the platform's own maximum is not documented).
pub const MAX_PER_PAGE: u64 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u64,
    pub per_page: u64,
}

/// Reads `page` (default 1) and `per_page` (default `default_per_page`).
/// Anything but a positive integer is a 400, as in the platform's Go
/// services.
pub fn page_request(query: &QueryMap, default_per_page: u64) -> ApiResult<PageRequest> {
    let read = |key: &str, default: u64| match query_param(query, key) {
        None => Ok(default),
        Some(text) => text
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| ApiError::bad_request(format!("{key} must be a positive integer"))),
    };
    Ok(PageRequest {
        page: read("page", 1)?,
        per_page: read("per_page", default_per_page)?.min(MAX_PER_PAGE),
    })
}

/// The items of the requested page, and the `meta` that describes it (both
/// `prev_page` and `previous_page`, `null` at the ends). A page past the
/// end is empty.
pub fn paginate<T>(items: Vec<T>, request: PageRequest) -> (Vec<T>, Meta) {
    let total_count = items.len() as u64;
    let total_pages = total_count.div_ceil(request.per_page).max(1);
    let skip = (request.page - 1).saturating_mul(request.per_page);
    let page: Vec<T> = items
        .into_iter()
        .skip(usize::try_from(skip).unwrap_or(usize::MAX))
        .take(usize::try_from(request.per_page).unwrap_or(usize::MAX))
        .collect();
    let previous = (request.page > 1).then(|| (request.page - 1).min(total_pages));
    let next = (request.page < total_pages).then_some(request.page + 1);
    let meta = Meta {
        pagination: Some(Pagination {
            current_page: request.page,
            prev_page: previous,
            previous_page: previous,
            next_page: next,
            total_pages,
            total_count,
        }),
    };
    (page, meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(count: usize, page: u64, per_page: u64) -> (Vec<usize>, Pagination) {
        let (items, meta) = paginate((0..count).collect(), PageRequest { page, per_page });
        (items, meta.pagination.unwrap())
    }

    #[test]
    fn pages_and_ends() {
        let (items, p) = meta(5, 1, 2);
        assert_eq!(items, [0, 1]);
        assert_eq!(
            (p.prev_page, p.next_page, p.total_pages),
            (None, Some(2), 3)
        );
        let (items, p) = meta(5, 3, 2);
        assert_eq!(items, [4]);
        assert_eq!((p.previous_page, p.next_page), (Some(2), None));
        let (items, p) = meta(5, 9, 2);
        assert!(items.is_empty());
        assert_eq!((p.prev_page, p.next_page), (Some(3), None));
        let (items, p) = meta(0, 1, 20);
        assert!(items.is_empty());
        assert_eq!((p.total_pages, p.total_count, p.next_page), (1, 0, None));
    }
}
